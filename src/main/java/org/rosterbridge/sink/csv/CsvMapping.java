package org.rosterbridge.sink.csv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.rosterbridge.config.ConfigurationException;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Status;

/**
 * The OneRoster CSV binding as data ({@code mappings/oneroster-csv-1.1.yaml}): per file the columns in order, where
 * each value comes from, its format, and the rules a row must meet. The writer and the validator read the same one.
 */
public final class CsvMapping {
    /** The binding that ships with the gateway, on the classpath. */
    public static final String STANDARD = "classpath:mappings/oneroster-csv-1.1.yaml";
    private static final String KEY = "csv.mapping";

    private final String manifestVersion;
    private final String onerosterVersion;
    private final List<String> manifestFiles;
    private final List<FileSpec> files;

    private CsvMapping(String manifestVersion, String onerosterVersion, List<String> manifestFiles,
                       List<FileSpec> files) {
        this.manifestVersion = manifestVersion;
        this.onerosterVersion = onerosterVersion;
        this.manifestFiles = List.copyOf(manifestFiles);
        this.files = List.copyOf(files);
    }

    /** The binding that ships with the gateway. */
    public static CsvMapping standard() {
        return load(STANDARD);
    }

    /** A binding from {@code classpath:...} or a file path; any mistake in it fails with the {@code csv.mapping} key. */
    public static CsvMapping load(String location) {
        JsonNode root;
        try (InputStream in = open(location)) {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new ConfigurationException(KEY, "cannot be read (" + location + "): " + e.getMessage());
        }
        try {
            return parse(root);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(KEY, "is not a valid mapping (" + location + "): " + e.getMessage());
        }
    }

    private static InputStream open(String location) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length());
            InputStream in = CsvMapping.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IOException("no such resource on the classpath");
            }
            return in;
        }
        return Files.newInputStream(Path.of(location.startsWith("file:") ? location.substring(5) : location));
    }

    private static CsvMapping parse(JsonNode root) {
        if (root == null || !root.path("files").isArray()) {
            throw new IllegalArgumentException("a 'files:' list is required");
        }
        JsonNode manifest = root.path("manifest");
        List<String> manifestFiles = new ArrayList<>();
        manifest.path("files").forEach(n -> manifestFiles.add(n.asText()));
        List<FileSpec> files = new ArrayList<>();
        for (JsonNode f : root.path("files")) {
            String name = text(f, "name").orElseThrow(() -> new IllegalArgumentException("a file without a name"));
            Entity entity = Entity.ofCollection(name);
            String alias = text(f, "record").orElseThrow(() -> new IllegalArgumentException(name + ": no record"));
            List<ColumnSpec> columns = new ArrayList<>();
            for (JsonNode c : f.path("columns")) {
                columns.add(column(name, alias, entity, c));
            }
            if (columns.isEmpty() || !columns.get(0).header().equals("sourcedId")) {
                throw new IllegalArgumentException(name + ": the first column must be sourcedId");
            }
            if (!manifestFiles.contains(name)) {
                throw new IllegalArgumentException(name + " is not listed in manifest.files");
            }
            files.add(new FileSpec(name, entity, columns));
        }
        for (FileSpec f : files) {
            for (ColumnSpec c : f.columns()) {
                if (c.references() != null && files.stream().noneMatch(x -> x.name().equals(c.references()))) {
                    throw new IllegalArgumentException(f.name() + "." + c.header() + " references "
                            + c.references() + ", which the mapping does not write");
                }
            }
        }
        return new CsvMapping(text(manifest, "manifestVersion").orElse("1.0"),
                text(manifest, "onerosterVersion").orElse("1.1"), manifestFiles, files);
    }

    private static ColumnSpec column(String file, String alias, Entity entity, JsonNode c) {
        String header = text(c, "header").orElseThrow(() -> new IllegalArgumentException(file + ": a column "
                + "without a header"));
        String where = file + "." + header;
        ValueType type = text(c, "type").map(t -> ValueType.valueOf(t.toUpperCase(Locale.ROOT)))
                .orElse(ValueType.TEXT);
        FieldPath field = text(c, "field").map(p -> FieldPath.compile(where, alias, entity, p,
                text(c, "item").orElse(null))).orElse(null);
        Computed computed = text(c, "computed").map(v -> switch (v) {
            case "status" -> Computed.STATUS;
            case "dateLastModified" -> Computed.DATE_LAST_MODIFIED;
            default -> throw new IllegalArgumentException(where + ": computed '" + v + "' is not status or "
                    + "dateLastModified");
        }).orElse(null);
        if (field != null && computed != null) {
            throw new IllegalArgumentException(where + ": field and computed exclude each other");
        }
        if (field == null && (c.hasNonNull("references") || c.path("required").asBoolean(false) && computed == null)) {
            throw new IllegalArgumentException(where + ": a required or referencing column needs a field");
        }
        List<String> enumeration = new ArrayList<>();
        c.path("enum").forEach(n -> enumeration.add(n.asText()));
        Map<Status, String> defaults = new EnumMap<>(Status.class);
        JsonNode d = c.path("default");
        if (d.isObject()) {
            d.fields().forEachRemaining(e -> defaults.put(Status.parse(e.getKey()), e.getValue().asText()));
        } else if (!d.isMissingNode() && !d.isNull()) {
            for (Status s : Status.values()) {
                defaults.put(s, d.asText());
            }
        }
        return new ColumnSpec(header, field, computed, type, c.path("required").asBoolean(false), defaults,
                enumeration, text(c, "references").orElse(null), c.path("formulaGuard").asBoolean(false));
    }

    private static Optional<String> text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isBlank() ? Optional.empty() : Optional.of(v.asText());
    }

    /** Literally {@code 1.0}: a spreadsheet that turned it into {@code 1} broke the bundle for consumers. */
    public String manifestVersion() {
        return manifestVersion;
    }

    public String onerosterVersion() {
        return onerosterVersion;
    }

    /** Every file of the standard, in manifest order, whether this mapping writes it or not. */
    public List<String> manifestFiles() {
        return manifestFiles;
    }

    /** The files the gateway writes, parents before the files that reference them. */
    public List<FileSpec> files() {
        return files;
    }

    public Optional<FileSpec> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** One CSV file of a bundle. */
    public record FileSpec(String name, Entity entity, List<ColumnSpec> columns) {
        public FileSpec {
            columns = List.copyOf(columns);
        }

        public String fileName() {
            return name + ".csv";
        }

        public List<String> headers() {
            return columns.stream().map(ColumnSpec::header).toList();
        }

        /** Column positions by header. */
        public Map<String, Integer> positions() {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                out.put(columns.get(i).header(), i);
            }
            return out;
        }
    }

    /**
     * One column. Exactly one of {@code field} and {@code computed} is set, or neither for a column that is always
     * written empty.
     */
    public record ColumnSpec(String header, FieldPath field, Computed computed, ValueType type, boolean required,
                             Map<Status, String> defaults, List<String> enumeration, String references,
                             boolean formulaGuard) {
        public ColumnSpec {
            defaults = Map.copyOf(defaults);
            enumeration = List.copyOf(enumeration);
        }

        /** Whether a cell holds a comma-separated list. */
        public boolean list() {
            return field != null && field.list();
        }

        /** The enumeration's own spelling of a value that matches it ignoring case, or null. */
        public String enumValue(String value) {
            for (String e : enumeration) {
                if (e.equalsIgnoreCase(value)) {
                    return e;
                }
            }
            return null;
        }
    }

    /** Values the bundle's mode fills in rather than the record. */
    public enum Computed {
        STATUS,
        DATE_LAST_MODIFIED
    }

    /** How a cell's text must look. */
    public enum ValueType {
        TEXT,
        DATE,
        DATETIME,
        YEAR,
        BOOLEAN,
        STATUS
    }
}

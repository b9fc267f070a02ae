package org.rosterbridge.sink.csv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.csv.CSVParser;
import org.rosterbridge.sink.csv.CsvMapping.ColumnSpec;
import org.rosterbridge.sink.csv.CsvMapping.Computed;
import org.rosterbridge.sink.csv.CsvMapping.FileSpec;
import org.rosterbridge.sink.csv.CsvMapping.ValueType;

/**
 * Checks any OneRoster v1.1 CSV zip against what consumers accept (headers, required values, enumerations, formats,
 * unique ids, references, the manifest, bulk and delta rules), so a bundle that fails is never delivered. Problems
 * name file, line, column and sourcedId, and never quote a free-text value (it may be a pupil's name).
 */
public final class BundleValidator {
    /** More than this and the rest are counted, not listed: the first ones show what is wrong. */
    static final int MAX_PROBLEMS = 1000;

    private final CsvMapping mapping;

    public BundleValidator(CsvMapping mapping) {
        this.mapping = mapping;
    }

    /** A rule a bundle breaks. {@code line} is the CSV record number (the header is line 1), 0 for the file. */
    public record Problem(String file, long line, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? " line " + line : "") + ": " + message;
        }
    }

    public List<Problem> validate(Path zip) {
        try {
            return validate(Files.readAllBytes(zip));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip, e);
        }
    }

    public List<Problem> validate(byte[] zip) {
        Problems problems = new Problems();
        Map<String, byte[]> entries = entries(zip, problems);
        if (entries == null) {
            return problems.list();
        }
        byte[] manifestBytes = entries.get("manifest.csv");
        if (manifestBytes == null) {
            problems.add("manifest.csv", 0, "is missing: every bundle needs a manifest");
            return problems.list();
        }
        Map<String, String> modes = manifest(entries, manifestBytes, problems);
        Map<String, Set<String>> ids = new HashMap<>();
        List<Reference> references = new ArrayList<>();
        for (FileSpec file : mapping.files()) {
            String mode = modes.get(file.name());
            byte[] bytes = entries.get(file.fileName());
            if (bytes != null && ("bulk".equals(mode) || "delta".equals(mode))) {
                Set<String> seen = rows(file, bytes, "bulk".equals(mode), new Targets(modes, ids), references,
                        problems);
                if (seen != null) {
                    ids.put(file.name(), seen);
                }
            }
        }
        Targets targets = new Targets(modes, ids);
        for (Reference r : references) {
            String problem = targets.problem(r.column(), r.id(), r.target());
            if (problem != null) {
                problems.add(r.file(), r.line(), problem);
            }
        }
        return problems.list();
    }

    private static Map<String, byte[]> entries(byte[] zip, Problems problems) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                if (e.isDirectory() || e.getName().contains("/") || e.getName().contains("\\")) {
                    problems.add(e.getName(), 0, "is not at the zip's root: consumers read files only from there");
                } else if (entries.put(e.getName(), content) != null) {
                    problems.add(e.getName(), 0, "is in the zip twice");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            problems.add("(zip)", 0, "is not a readable zip: " + e.getMessage());
            return null;
        }
        if (entries.isEmpty()) {
            problems.add("(zip)", 0, "is empty or not a zip");
            return null;
        }
        return entries;
    }

    /** The manifest's {@code file.*} modes by file name, after checking it against the zip's content. */
    private Map<String, String> manifest(Map<String, byte[]> entries, byte[] bytes, Problems problems) {
        String name = "manifest.csv";
        Map<String, String> modes = new HashMap<>();
        CsvRecords records = parse(name, bytes, problems);
        if (records == null) {
            return modes;
        }
        Map<String, String> properties = new LinkedHashMap<>();
        for (int n = 0; n < records.size(); n++) {
            int size = records.cells(n);
            if (n == 0) {
                if (size != 2 || !records.cell(0, 0).equals("propertyName") || !records.cell(0, 1).equals("value")) {
                    problems.add(name, 1, "header must be exactly propertyName,value");
                }
                continue;
            }
            if (size != 2) {
                problems.add(name, n + 1, "has " + size + " cells, not 2");
            } else if (properties.put(records.cell(n, 0), records.cell(n, 1)) != null) {
                problems.add(name, n + 1, records.cell(n, 0) + " appears twice");
            }
        }
        expect(properties, "manifest.version", mapping.manifestVersion(), problems);
        expect(properties, "oneroster.version", mapping.onerosterVersion(), problems);
        for (String key : List.of("source.systemName", "source.systemCode")) {
            if (properties.getOrDefault(key, "").isBlank()) {
                problems.add(name, 0, "has no " + key);
            }
        }
        for (String file : mapping.manifestFiles()) {
            String mode = properties.get("file." + file);
            boolean present = entries.containsKey(file + ".csv");
            if (mode == null) {
                problems.add(name, 0, "has no file." + file + " (bulk, delta or absent)");
            } else if (!mode.equals("bulk") && !mode.equals("delta") && !mode.equals("absent")) {
                problems.add(name, 0, "file." + file + " is '" + mode + "', not bulk, delta or absent");
            } else if (mode.equals("absent") && present) {
                problems.add(name, 0, "file." + file + " is absent but " + file + ".csv is in the zip");
            } else if (!mode.equals("absent") && !present) {
                problems.add(name, 0, "file." + file + " is " + mode + " but " + file + ".csv is not in the zip");
            }
            if (mode != null) {
                modes.put(file, mode);
            }
        }
        for (String entry : entries.keySet()) {
            String stem = entry.endsWith(".csv") ? entry.substring(0, entry.length() - 4) : entry;
            if (!entry.equals(name) && (!entry.endsWith(".csv") || !mapping.manifestFiles().contains(stem))) {
                problems.add(entry, 0, "is not a OneRoster v1.1 file (names are case-sensitive)");
            }
        }
        return modes;
    }

    private static void expect(Map<String, String> properties, String key, String value, Problems problems) {
        String actual = properties.get(key);
        if (actual == null) {
            problems.add("manifest.csv", 0, "has no " + key + " (must be " + value + ")");
        } else if (!actual.equals(value)) {
            problems.add("manifest.csv", 0, key + " is '" + actual + "', not literally " + value);
        }
    }

    /**
     * Checks a file's rows and returns its ids, or null when the file could not be read as its kind at all. A
     * reference into a file already checked is resolved at once; the others wait in {@code references}.
     */
    private Set<String> rows(FileSpec file, byte[] bytes, boolean bulk, Targets targets,
                             List<Reference> references, Problems problems) {
        String name = file.fileName();
        CsvRecords records = parse(name, bytes, problems);
        if (records == null) {
            return null;
        }
        if (records.size() == 0) {
            problems.add(name, 0, "has no header row");
            return null;
        }
        List<String> header = new ArrayList<>(records.cells(0));
        for (int i = 0; i < records.cells(0); i++) {
            header.add(records.cell(0, i));
        }
        if (!header.equals(file.headers())) {
            problems.add(name, 1, "header is not exactly " + String.join(",", file.headers()) + missing(file, header));
            return null;
        }
        Set<String> ids = new HashSet<>(records.size() * 4 / 3 + 1);
        List<ColumnSpec> columns = file.columns();
        int self = mapping.files().indexOf(file);
        boolean[] resolvable = new boolean[columns.size()];
        List<Set<String>> targetIds = new ArrayList<>(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            String target = columns.get(i).references();
            resolvable[i] = target != null && mapping.file(target).map(t -> mapping.files().indexOf(t) < self)
                    .orElse(false);
            targetIds.add(resolvable[i] ? targets.checked(target) : null);
        }
        for (int n = 1; n < records.size(); n++) {
            long line = n + 1;
            int size = records.cells(n);
            if (size != columns.size()) {
                problems.add(name, line, "has " + size + " cells, not " + columns.size());
                ids.add(records.cell(n, 0));
                continue;
            }
            String id = records.cell(n, 0);
            if (!id.isEmpty() && !ids.add(id)) {
                problems.add(name, line, "sourcedId " + id + " appears more than once");
            }
            for (int i = 0; i < columns.size(); i++) {
                ColumnSpec c = columns.get(i);
                if (c.computed() != null) {
                    String cell = records.cell(n, i);
                    if (bulk && !cell.isEmpty()) {
                        problems.add(name, line, c.header() + " must be blank in a bulk file" + where(id));
                    } else if (!bulk && cell.isEmpty()) {
                        problems.add(name, line, c.header() + " must be filled in a delta file" + where(id));
                    } else if (!bulk && !CellFormat.valid(c.computed() == Computed.STATUS ? ValueType.STATUS
                            : ValueType.DATETIME, cell)) {
                        problems.add(name, line, c.header() + " '" + cell + "' is not " + CellFormat.expected(
                                c.computed() == Computed.STATUS ? ValueType.STATUS : ValueType.DATETIME) + where(id));
                    }
                    continue;
                }
                if (records.empty(n, i)) {
                    if (c.required()) {
                        problems.add(name, line, c.header() + " is required" + where(id));
                    }
                    continue;
                }
                if (c.enumeration().isEmpty() && c.type() == ValueType.TEXT && c.references() == null) {
                    continue; // any text is valid, and reading it would only make a string to drop
                }
                String cell = records.cell(n, i);
                int from = 0;
                do {
                    int comma = c.list() ? cell.indexOf(',', from) : -1;
                    String v = comma < 0 ? (from == 0 ? cell : cell.substring(from)) : cell.substring(from, comma);
                    from = comma + 1;
                    if (!c.enumeration().isEmpty() && !c.enumeration().contains(v)) {
                        problems.add(name, line, c.header() + " '" + v + "' is not one of " + c.enumeration()
                                + where(id));
                    } else if (c.enumeration().isEmpty() && !CellFormat.valid(c.type(), v)) {
                        problems.add(name, line, c.header() + " is not " + CellFormat.expected(c.type()) + where(id));
                    } else if (c.references() != null && v.isEmpty()) {
                        problems.add(name, line, c.header() + " has an empty item" + where(id));
                    } else if (c.references() != null && bulk) {
                        Set<String> known = targetIds.get(i);
                        // one that fails is reported after every file's own problems, in the order they were read
                        if (known != null ? !known.contains(v) : !resolvable[i]
                                || targets.problem(c.header(), v, c.references()) != null) {
                            references.add(new Reference(name, line, c.header(), v, c.references()));
                        }
                    }
                } while (from > 0);
            }
        }
        return ids;
    }

    /** Which record a problem is about, by sourcedId only. */
    private static String where(String id) {
        return id.isEmpty() ? "" : " (" + id + ")";
    }

    /** Whether a reference resolves, given the manifest's modes and the ids of the files read so far. */
    private record Targets(Map<String, String> modes, Map<String, Set<String>> ids) {
        /** The ids of a bulk target file that was read, or null when its references need {@link #problem}. */
        Set<String> checked(String target) {
            return "bulk".equals(modes.get(target)) ? ids.get(target) : null;
        }

        /** The problem with a reference, or null when it resolves (or its target is its own problem). */
        String problem(String column, String id, String target) {
            if ("bulk".equals(modes.get(target)) && !ids.containsKey(target)) {
                return null; // the target is missing or unreadable: that is its own problem, not one per reference
            }
            if (!"bulk".equals(modes.get(target))) {
                return column + " " + id + " cannot resolve: " + target + ".csv is not in this bulk bundle";
            }
            return ids.get(target).contains(id) ? null : column + " " + id + " is not in " + target + ".csv";
        }
    }

    private static String missing(FileSpec file, List<String> header) {
        List<String> absent = file.headers().stream().filter(h -> !header.contains(h)).toList();
        List<String> unknown = header.stream().filter(h -> !file.headers().contains(h)).toList();
        return (absent.isEmpty() ? "" : "; missing " + absent) + (unknown.isEmpty() ? "" : "; unknown " + unknown)
                + (absent.isEmpty() && unknown.isEmpty() ? "; the columns are out of order" : "");
    }

    /** The records of a CSV file, or null (with a problem) when it is not UTF-8 CSV. */
    private static CsvRecords parse(String name, byte[] bytes, Problems problems) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
            problems.add(name, 0, "starts with a byte-order mark: write UTF-8 without one");
            return null;
        }
        if (!ascii(bytes)) {
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                problems.add(name, 0, "is not UTF-8");
                return null;
            }
        }
        CsvRecords fast = CsvRecords.fast(bytes);
        if (fast != null) {
            return fast;
        }
        try (CSVParser parser = CSVParser.parse(new String(bytes, StandardCharsets.UTF_8), BundleWriter.FORMAT)) {
            return CsvRecords.of(parser.getRecords());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            problems.add(name, 0, "is not valid RFC 4180 CSV: " + e.getMessage());
            return null;
        }
    }

    private static boolean ascii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private record Reference(String file, long line, String column, String id, String target) {
    }

    /** The problems found, up to {@link #MAX_PROBLEMS}, then a count of the rest. */
    private static final class Problems {
        private final List<Problem> list = new ArrayList<>();
        private int more;

        void add(String file, long line, String message) {
            if (list.size() < MAX_PROBLEMS) {
                list.add(new Problem(file, line, message));
            } else {
                more++;
            }
        }

        List<Problem> list() {
            List<Problem> out = new ArrayList<>(list);
            if (more > 0) {
                out.add(new Problem("(bundle)", 0, more + " more problems not listed"));
            }
            return List.copyOf(out);
        }
    }
}

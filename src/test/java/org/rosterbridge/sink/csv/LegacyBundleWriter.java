package org.rosterbridge.sink.csv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.rosterbridge.change.Change;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.change.ChangeReason;
import org.rosterbridge.change.ChangeSet;
import org.rosterbridge.model.OneRosterRecord;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;
import org.rosterbridge.sink.csv.BundleReport.Adjustment;
import org.rosterbridge.sink.csv.BundleReport.Exclusion;
import org.rosterbridge.sink.csv.CsvMapping.ColumnSpec;
import org.rosterbridge.sink.csv.CsvMapping.Computed;
import org.rosterbridge.sink.csv.CsvMapping.FileSpec;

/**
 * The bundle writer as it was before it wrote cells by hand (commons-csv's printer per cell, a rescan per round of
 * reference closing), kept verbatim as the oracle that the writer's files and reports have not changed.
 */
final class LegacyBundleWriter {
    /** RFC 4180: CRLF after every record, quotes only where a value needs them. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();

    private final CsvMapping mapping;
    private final FormulaGuard guard;
    private final String systemName;
    private final String systemCode;

    LegacyBundleWriter(CsvMapping mapping, FormulaGuard guard, String systemName, String systemCode) {
        this.mapping = mapping;
        this.guard = guard;
        this.systemName = systemName;
        this.systemCode = systemCode;
    }

    /** A full snapshot: the active records, minus those that cannot be written and those that depend on them. */
    CsvBundle bulk(String estab, Instant createdAt, Snapshot snapshot) {
        Rows rows = new Rows(BundleMode.BULK);
        for (FileSpec file : mapping.files()) {
            for (RecordVersion v : snapshot.records(file.entity()).values()) {
                if (v.active()) {
                    rows.add(file, v.record(), Status.ACTIVE, null);
                }
            }
        }
        rows.closeReferences();
        return new CsvBundle(estab, BundleMode.BULK, createdAt, rows.zip(createdAt), rows.report());
    }

    /**
     * What changed: created and updated records as they are now, removed ones (soft or hard deletes) as
     * {@code tobedeleted} rows from their last version. Roster rows are derived, so they are not a file.
     */
    CsvBundle delta(String estab, Instant createdAt, ChangeSet changes) {
        Rows rows = new Rows(BundleMode.DELTA);
        for (FileSpec file : mapping.files()) {
            for (Change c : changes.of(file.entity())) {
                OneRosterRecord r = c.latest().record();
                Status status = c.op() == ChangeOp.DELETED ? Status.TOBEDELETED : r.status();
                // a hard delete happened when this run found the record gone, not when Xporter last touched it
                Instant modified = c.reason() == ChangeReason.MISSING || r.dateLastModified() == null
                        ? createdAt : r.dateLastModified();
                rows.add(file, r, status, modified);
            }
        }
        return new CsvBundle(estab, BundleMode.DELTA, createdAt, rows.zip(createdAt), rows.report());
    }

    /** One row on its way to a file: cell texts, and for reference columns the ids (so dangling ones can go). */
    private static final class Row {
        final String sourcedId;
        final String[] cells;
        final List<String>[] references;

        @SuppressWarnings("unchecked")
        Row(String sourcedId, int columns) {
            this.sourcedId = sourcedId;
            this.cells = new String[columns];
            this.references = new List[columns];
        }
    }

    /** The rows of one bundle being written, per file, and what was done to them. */
    private final class Rows {
        private final BundleMode mode;
        private final Map<String, Map<String, Row>> byFile = new LinkedHashMap<>();
        private final List<Exclusion> excluded = new ArrayList<>();
        private final Map<String, Map<Adjustment, Integer>> adjusted = new TreeMap<>();

        Rows(BundleMode mode) {
            this.mode = mode;
            for (FileSpec f : mapping.files()) {
                byFile.put(f.name(), new LinkedHashMap<>());
            }
        }

        void add(FileSpec file, OneRosterRecord record, Status status, Instant modified) {
            List<ColumnSpec> columns = file.columns();
            Row row = new Row(record.sourcedId(), columns.size());
            Map<String, Adjustment> pending = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                ColumnSpec c = columns.get(i);
                String problem = fill(file.name() + "." + c.header(), row, i, c, record, status, modified, pending);
                if (problem != null) {
                    excluded.add(new Exclusion(file.name(), record.sourcedId(), problem));
                    return;
                }
            }
            if (byFile.get(file.name()).putIfAbsent(row.sourcedId, row) != null) {
                excluded.add(new Exclusion(file.name(), row.sourcedId, "sourcedId appears twice"));
                return;
            }
            pending.forEach(this::count);
        }

        /** Fills one cell; returns why the record cannot be written, or null. */
        private String fill(String key, Row row, int i, ColumnSpec c, OneRosterRecord record, Status status,
                            Instant modified, Map<String, Adjustment> pending) {
            if (c.computed() != null) {
                row.cells[i] = mode == BundleMode.BULK ? ""
                        : c.computed() == Computed.STATUS ? status.wire() : CellFormat.dateTime(modified);
                return null;
            }
            List<String> values = new ArrayList<>(2);
            if (c.field() != null) {
                for (Object v : c.field().values(record)) {
                    String text = CellFormat.text(v);
                    if (!text.isBlank()) {
                        values.add(text);
                    }
                }
            }
            String invalid = null;
            for (int k = 0; k < values.size() && invalid == null; k++) {
                String v = values.get(k);
                if (!c.enumeration().isEmpty()) {
                    String spelled = c.enumValue(v.trim());
                    if (spelled == null) {
                        invalid = c.header() + " '" + abbreviated(v) + "' is not one of " + c.enumeration();
                    } else {
                        values.set(k, spelled);
                    }
                } else if (!CellFormat.valid(c.type(), v)) {
                    invalid = c.header() + " is not " + CellFormat.expected(c.type());
                }
            }
            if (invalid != null) {
                if (c.required()) {
                    return invalid;
                }
                pending.put(key, Adjustment.BLANKED);
                values.clear();
            }
            if (values.isEmpty() && c.defaults().containsKey(status)) {
                values.add(c.defaults().get(status));
                pending.put(key, Adjustment.DEFAULTED);
            }
            if (values.isEmpty() && c.required()) {
                return "no " + c.header();
            }
            if (c.references() != null) {
                row.references[i] = values;
                return null;
            }
            String text = String.join(",", values);
            if (c.formulaGuard()) {
                String guarded = guard.apply(text);
                if (!guarded.equals(text)) {
                    pending.put(key, Adjustment.FORMULA_GUARDED);
                }
                text = guarded;
            }
            row.cells[i] = text;
            return null;
        }

        /**
         * Bulk bundles are referentially complete: a row whose required reference names nothing in the bundle
         * follows its parent out, until nothing changes; then references that still dangle are left out of their
         * cells (an optional one such as a user's agents, or one of several terms).
         */
        void closeReferences() {
            boolean changed = true;
            while (changed) {
                changed = false;
                for (FileSpec file : mapping.files()) {
                    List<ColumnSpec> columns = file.columns();
                    var it = byFile.get(file.name()).values().iterator();
                    while (it.hasNext()) {
                        Row row = it.next();
                        for (int i = 0; i < columns.size(); i++) {
                            ColumnSpec c = columns.get(i);
                            if (c.references() == null || !c.required()) {
                                continue;
                            }
                            Map<String, Row> target = byFile.get(c.references());
                            if (row.references[i].stream().noneMatch(target::containsKey)) {
                                excluded.add(new Exclusion(file.name(), row.sourcedId, singular(c.references())
                                        + " " + String.join(",", row.references[i]) + " is not in the bundle"));
                                it.remove();
                                changed = true;
                                break;
                            }
                        }
                    }
                }
            }
            for (FileSpec file : mapping.files()) {
                List<ColumnSpec> columns = file.columns();
                for (Row row : byFile.get(file.name()).values()) {
                    for (int i = 0; i < columns.size(); i++) {
                        ColumnSpec c = columns.get(i);
                        if (c.references() == null) {
                            continue;
                        }
                        Map<String, Row> target = byFile.get(c.references());
                        List<String> kept = new ArrayList<>(row.references[i].size());
                        for (String id : row.references[i]) {
                            if (target.containsKey(id)) {
                                kept.add(id);
                            }
                        }
                        if (kept.size() < row.references[i].size()) {
                            count(file.name() + "." + c.header(), Adjustment.REFERENCE_DROPPED);
                            row.references[i] = kept;
                        }
                    }
                }
            }
        }

        byte[] zip(Instant createdAt) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
            try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
                Writer out = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
                entry(zip, "manifest.csv", createdAt);
                CSVPrinter printer = new CSVPrinter(out, FORMAT);
                printer.printRecord("propertyName", "value");
                printer.printRecord("manifest.version", mapping.manifestVersion());
                printer.printRecord("oneroster.version", mapping.onerosterVersion());
                for (String name : mapping.manifestFiles()) {
                    printer.printRecord("file." + name, byFile.containsKey(name) ? mode.wire() : "absent");
                }
                printer.printRecord("source.systemName", systemName);
                printer.printRecord("source.systemCode", systemCode);
                printer.flush();
                zip.closeEntry();
                for (FileSpec file : mapping.files()) {
                    entry(zip, file.fileName(), createdAt);
                    printer.printRecord(file.headers());
                    for (Row row : byFile.get(file.name()).values()) {
                        for (int i = 0; i < row.cells.length; i++) {
                            printer.print(row.references[i] != null ? String.join(",", row.references[i])
                                    : row.cells[i] == null ? "" : row.cells[i]);
                        }
                        printer.println();
                    }
                    printer.flush();
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write a bundle in memory", e);
            }
            return bytes.toByteArray();
        }

        BundleReport report() {
            Map<String, Integer> counts = new LinkedHashMap<>();
            byFile.forEach((file, rows) -> counts.put(file, rows.size()));
            return new BundleReport(counts, excluded, adjusted);
        }

        private void count(String key, Adjustment kind) {
            adjusted.computeIfAbsent(key, k -> new EnumMap<>(Adjustment.class)).merge(kind, 1, Integer::sum);
        }
    }

    private static void entry(ZipOutputStream zip, String name, Instant time) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setTime(time.toEpochMilli());
        zip.putNextEntry(e);
    }

    private static String singular(String file) {
        return switch (file) {
            case "academicSessions" -> "academic session";
            case "classes" -> "class";
            default -> file.substring(0, file.length() - 1);
        };
    }

    /** Enumeration values are codes, never personal data; long ones are cut so a report line stays short. */
    private static String abbreviated(String value) {
        return value.length() <= 24 ? value : value.substring(0, 24) + "...";
    }
}

package org.rosterbridge.sink.csv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.csv.CSVFormat;
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
 * Writes OneRoster v1.1 CSV zips from canonical records as the mapping says: a bulk bundle from a snapshot
 * (active records, referentially complete) or a delta bundle from a change set (every row with its status and
 * modification time). A record that cannot be written validly is left out and reported, never written half.
 */
public final class BundleWriter {
    /** RFC 4180: CRLF after every record, quotes only where a value needs them. */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\r\n").get();
    /**
     * The zip's compression. The files inside are the same at every level; for a secondary school's bulk bundle
     * (1.07 MB of CSV) level 1 takes 13-20 ms less CPU than the default level 6, about a third of writing it, for a
     * zip a sixth larger (242 KB, not 207 KB).
     */
    static final int ZIP_LEVEL = Deflater.BEST_SPEED;

    private final CsvMapping mapping;
    private final FormulaGuard guard;
    private final String systemName;
    private final String systemCode;
    /** Per file, each column's {@code file.column} name under which the report counts adjustments. */
    private final Map<String, String[]> cellKeys = new HashMap<>();

    public BundleWriter(CsvMapping mapping, FormulaGuard guard, String systemName, String systemCode) {
        this.mapping = mapping;
        this.guard = guard;
        this.systemName = systemName;
        this.systemCode = systemCode;
        for (FileSpec f : mapping.files()) {
            cellKeys.put(f.name(), f.columns().stream().map(c -> f.name() + "." + c.header()).toArray(String[]::new));
        }
    }

    /** A full snapshot: the active records, minus those that cannot be written and those that depend on them. */
    public CsvBundle bulk(String estab, Instant createdAt, Snapshot snapshot) {
        Rows rows = new Rows(BundleMode.BULK);
        for (FileSpec file : mapping.files()) {
            rows.expect(file, snapshot.records(file.entity()).size());
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
    public CsvBundle delta(String estab, Instant createdAt, ChangeSet changes) {
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
        final FileSpec file;
        final String sourcedId;
        final String[] cells;
        final List<String>[] references;
        /** Where the row stands in the order files and rows are written, which is the order they are checked in. */
        int position;
        boolean removed;

        @SuppressWarnings("unchecked")
        Row(FileSpec file, String sourcedId, int columns) {
            this.file = file;
            this.sourcedId = sourcedId;
            this.cells = new String[columns];
            this.references = new List[columns];
        }
    }

    /** A row to check again, in round {@code round} of {@link Rows#closeReferences()}'s order. */
    private record Recheck(int round, Row row) implements Comparable<Recheck> {
        @Override
        public int compareTo(Recheck o) {
            return round != o.round ? Integer.compare(round, o.round) : Integer.compare(row.position, o.row.position);
        }
    }

    /** The rows of one bundle being written, per file, and what was done to them. */
    private final class Rows {
        private final BundleMode mode;
        private final Map<String, Map<String, Row>> byFile = new LinkedHashMap<>();
        private final List<Exclusion> excluded = new ArrayList<>();
        private final Map<String, Map<Adjustment, Integer>> adjusted = new TreeMap<>();
        // reused for every cell: a list per cell was a visible share of the garbage a bundle made
        private final List<Object> raw = new ArrayList<>();
        private final List<String> values = new ArrayList<>();
        private Adjustment[] pending = new Adjustment[32];
        private int added;

        Rows(BundleMode mode) {
            this.mode = mode;
            for (FileSpec f : mapping.files()) {
                byFile.put(f.name(), new LinkedHashMap<>());
            }
        }

        /** Sizes a file's rows for the records to come, so its map is not rehashed as it grows. */
        void expect(FileSpec file, int records) {
            if (byFile.get(file.name()).isEmpty()) {
                byFile.put(file.name(), new LinkedHashMap<>(records * 4 / 3 + 1));
            }
        }

        void add(FileSpec file, OneRosterRecord record, Status status, Instant modified) {
            List<ColumnSpec> columns = file.columns();
            String[] keys = cellKeys.get(file.name());
            Row row = new Row(file, record.sourcedId(), columns.size());
            if (pending.length < columns.size()) {
                pending = new Adjustment[columns.size()];
            }
            Arrays.fill(pending, null);
            for (int i = 0; i < columns.size(); i++) {
                ColumnSpec c = columns.get(i);
                String problem = fill(row, i, c, record, status, modified);
                if (problem != null) {
                    excluded.add(new Exclusion(file.name(), record.sourcedId(), problem));
                    return;
                }
            }
            if (byFile.get(file.name()).putIfAbsent(row.sourcedId, row) != null) {
                excluded.add(new Exclusion(file.name(), row.sourcedId, "sourcedId appears twice"));
                return;
            }
            row.position = added++;
            for (int i = 0; i < columns.size(); i++) {
                if (pending[i] != null) {
                    count(keys[i], pending[i]);
                }
            }
        }

        /** Fills one cell; returns why the record cannot be written, or null. */
        private String fill(Row row, int i, ColumnSpec c, OneRosterRecord record, Status status, Instant modified) {
            if (c.computed() != null) {
                row.cells[i] = mode == BundleMode.BULK ? ""
                        : c.computed() == Computed.STATUS ? status.wire() : CellFormat.dateTime(modified);
                return null;
            }
            values.clear();
            if (c.field() != null) {
                raw.clear();
                c.field().collect(record, raw);
                for (Object v : raw) {
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
                pending[i] = Adjustment.BLANKED;
                values.clear();
            }
            if (values.isEmpty() && c.defaults().containsKey(status)) {
                values.add(c.defaults().get(status));
                pending[i] = Adjustment.DEFAULTED;
            }
            if (values.isEmpty() && c.required()) {
                return "no " + c.header();
            }
            if (c.references() != null) {
                row.references[i] = List.copyOf(values);
                return null;
            }
            String text = joined(values);
            if (c.formulaGuard()) {
                String guarded = guard.apply(text);
                if (!guarded.equals(text)) {
                    pending[i] = Adjustment.FORMULA_GUARDED;
                }
                text = guarded;
            }
            row.cells[i] = text;
            return null;
        }

        /**
         * Bulk bundles are referentially complete: a row whose required reference names nothing in the bundle
         * follows its parent out, until nothing changes; then references that still dangle are left out of their
         * cells (an optional one such as a user's agents, or one of several terms). Rows are checked in the order
         * of rounds over every file, as a scan repeated until nothing changes would, but after the first round
         * only the dependants of a row that went are checked again.
         */
        void closeReferences() {
            List<Row> gone = new ArrayList<>();
            for (FileSpec file : mapping.files()) {
                var it = byFile.get(file.name()).values().iterator();
                while (it.hasNext()) {
                    Row row = it.next();
                    if (leaveOutIfDangling(file, row)) {
                        it.remove();
                        gone.add(row);
                    }
                }
            }
            if (!gone.isEmpty()) {
                cascade(gone);
            }
            for (FileSpec file : mapping.files()) {
                List<ColumnSpec> columns = file.columns();
                String[] keys = cellKeys.get(file.name());
                for (Row row : byFile.get(file.name()).values()) {
                    for (int i = 0; i < columns.size(); i++) {
                        ColumnSpec c = columns.get(i);
                        // a single required id was just found, and stays found when nothing was left out
                        if (c.references() != null && (!gone.isEmpty() || !c.required()
                                || row.references[i].size() != 1)) {
                            dropDangling(row, i, byFile.get(c.references()), keys[i]);
                        }
                    }
                }
            }
        }

        /** The dependants of rows that went in the first round, and theirs in turn, in the scan's order. */
        private void cascade(List<Row> gone) {
            Map<String, Map<String, List<Row>>> dependants = new HashMap<>();
            for (FileSpec file : mapping.files()) {
                List<ColumnSpec> columns = file.columns();
                for (Row row : byFile.get(file.name()).values()) {
                    for (int i = 0; i < columns.size(); i++) {
                        ColumnSpec c = columns.get(i);
                        if (c.references() != null && c.required()) {
                            Map<String, List<Row>> byId = dependants.computeIfAbsent(c.references(),
                                    k -> new HashMap<>());
                            for (String id : row.references[i]) {
                                byId.computeIfAbsent(id, k -> new ArrayList<>(2)).add(row);
                            }
                        }
                    }
                }
            }
            PriorityQueue<Recheck> queue = new PriorityQueue<>();
            for (Row row : gone) {
                // rows after it were checked after it went, in the same round
                for (Row d : dependantsOf(dependants, row)) {
                    if (d.position < row.position) {
                        queue.add(new Recheck(1, d));
                    }
                }
            }
            while (!queue.isEmpty()) {
                Recheck next = queue.poll();
                Row row = next.row();
                if (row.removed) {
                    continue;
                }
                if (!leaveOutIfDangling(row.file, row)) {
                    continue;
                }
                byFile.get(row.file.name()).remove(row.sourcedId);
                for (Row d : dependantsOf(dependants, row)) {
                    queue.add(new Recheck(d.position > row.position ? next.round() : next.round() + 1, d));
                }
            }
        }

        private List<Row> dependantsOf(Map<String, Map<String, List<Row>>> dependants, Row row) {
            return dependants.getOrDefault(row.file.name(), Map.of()).getOrDefault(row.sourcedId, List.of());
        }

        /** Leaves the row out, with the first required reference column that names nothing left in the bundle. */
        private boolean leaveOutIfDangling(FileSpec file, Row row) {
            List<ColumnSpec> columns = file.columns();
            for (int i = 0; i < columns.size(); i++) {
                ColumnSpec c = columns.get(i);
                if (c.references() == null || !c.required()) {
                    continue;
                }
                Map<String, Row> target = byFile.get(c.references());
                boolean resolves = false;
                for (String id : row.references[i]) {
                    if (target.containsKey(id)) {
                        resolves = true;
                        break;
                    }
                }
                if (!resolves) {
                    excluded.add(new Exclusion(file.name(), row.sourcedId, singular(c.references()) + " "
                            + String.join(",", row.references[i]) + " is not in the bundle"));
                    row.removed = true;
                    return true;
                }
            }
            return false;
        }

        private void dropDangling(Row row, int i, Map<String, Row> target, String key) {
            List<String> ids = row.references[i];
            int kept = 0;
            for (String id : ids) {
                kept += target.containsKey(id) ? 1 : 0;
            }
            if (kept < ids.size()) {
                List<String> keep = new ArrayList<>(kept);
                for (String id : ids) {
                    if (target.containsKey(id)) {
                        keep.add(id);
                    }
                }
                count(key, Adjustment.REFERENCE_DROPPED);
                row.references[i] = keep;
            }
        }

        byte[] zip(Instant createdAt) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
            try (ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
                zip.setLevel(ZIP_LEVEL);
                CsvOutput out = new CsvOutput(zip);
                entry(zip, "manifest.csv", createdAt);
                out.record(List.of("propertyName", "value"));
                out.record(List.of("manifest.version", mapping.manifestVersion()));
                out.record(List.of("oneroster.version", mapping.onerosterVersion()));
                for (String name : mapping.manifestFiles()) {
                    out.record(List.of("file." + name, byFile.containsKey(name) ? mode.wire() : "absent"));
                }
                out.record(List.of("source.systemName", systemName));
                out.record(List.of("source.systemCode", systemCode));
                out.flush();
                zip.closeEntry();
                for (FileSpec file : mapping.files()) {
                    entry(zip, file.fileName(), createdAt);
                    out.record(file.headers());
                    for (Row row : byFile.get(file.name()).values()) {
                        for (int i = 0; i < row.cells.length; i++) {
                            out.cell(row.references[i] != null ? joined(row.references[i])
                                    : row.cells[i] == null ? "" : row.cells[i]);
                        }
                        out.endRecord();
                    }
                    out.flush();
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

    /** A list cell's text; a single value is itself, so the common cell costs no join. */
    private static String joined(List<String> values) {
        return switch (values.size()) {
            case 0 -> "";
            case 1 -> values.get(0);
            default -> String.join(",", values);
        };
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

package org.rosterbridge.sink.csv;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What writing one bundle did besides copying values: rows per file, records left out (and why), and cells the
 * writer filled or changed. Names records only by sourcedId, so it may be logged and published as it is.
 *
 * @param rows     rows written per file (by file name without {@code .csv})
 * @param excluded records left out, each with the reason, a dependent record after the record it needed
 * @param adjusted per {@code file.column} and kind of adjustment, how many cells
 */
public record BundleReport(Map<String, Integer> rows, List<Exclusion> excluded,
                           Map<String, Map<Adjustment, Integer>> adjusted) {
    public BundleReport {
        rows = Map.copyOf(rows);
        excluded = List.copyOf(excluded);
        adjusted = Map.copyOf(adjusted);
    }

    /** The ids left out of each file. */
    public Map<String, List<String>> excludedIds() {
        Map<String, List<String>> out = new TreeMap<>();
        for (Exclusion e : excluded) {
            out.computeIfAbsent(e.file(), f -> new ArrayList<>()).add(e.sourcedId());
        }
        return out;
    }

    /** One line a run report can carry: counts and at most {@code maxIds} sourcedIds per file, no personal data. */
    public String summary(int maxIds) {
        StringBuilder b = new StringBuilder();
        Map<String, List<Exclusion>> byFile = new LinkedHashMap<>();
        excluded.forEach(e -> byFile.computeIfAbsent(e.file(), f -> new ArrayList<>()).add(e));
        byFile.forEach((file, list) -> {
            b.append(b.length() == 0 ? "" : "; ").append(file).append(": ").append(list.size()).append(" left out (");
            for (int i = 0; i < Math.min(maxIds, list.size()); i++) {
                b.append(i == 0 ? "" : ", ").append(list.get(i).sourcedId()).append(": ").append(list.get(i).reason());
            }
            b.append(list.size() > maxIds ? ", ..." : "").append(')');
        });
        new TreeMap<>(adjusted).forEach((column, kinds) -> kinds.forEach((kind, n) -> b.append(b.length() == 0
                ? "" : "; ").append(column).append(": ").append(n).append(' ').append(kind.wire())));
        return b.toString();
    }

    /** A record that could not be written validly. */
    public record Exclusion(String file, String sourcedId, String reason) {
    }

    /** What the writer did to a cell instead of copying it. */
    public enum Adjustment {
        /** The source had no value; the mapping's documented default was written. */
        DEFAULTED("defaulted"),
        /** An optional value did not have its column's form and was left empty. */
        BLANKED("left empty (not valid)"),
        /** A reference to a record not in a bulk bundle was left out of the cell. */
        REFERENCE_DROPPED("references dropped (not in the bundle)"),
        /** Free text that a spreadsheet would run as a formula got a leading apostrophe. */
        FORMULA_GUARDED("formula-guarded");

        private final String wire;

        Adjustment(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }
}

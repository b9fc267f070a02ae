package org.rosterbridge.sink.csv;

import java.util.List;

/** Which bundles a run delivers to a destination ({@code csv.mode}). */
public enum CsvMode {
    /** A full snapshot every run: what most consumers (Microsoft School Data Sync among them) take. The default. */
    BULK(List.of(BundleMode.BULK)),
    /** Only what changed since the bundle last delivered to this destination. */
    DELTA(List.of(BundleMode.DELTA)),
    /** Both, bulk first, in one run. */
    BOTH(List.of(BundleMode.BULK, BundleMode.DELTA));

    private final List<BundleMode> bundles;

    CsvMode(List<BundleMode> bundles) {
        this.bundles = bundles;
    }

    public List<BundleMode> bundles() {
        return bundles;
    }
}

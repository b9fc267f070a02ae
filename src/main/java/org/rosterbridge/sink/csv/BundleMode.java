package org.rosterbridge.sink.csv;

import java.util.Locale;

/** A bundle is a full snapshot (bulk) or only what changed since the destination's previous bundle (delta). */
public enum BundleMode {
    BULK,
    DELTA;

    /** As in the manifest ({@code file.users,bulk}) and in bundle names. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}

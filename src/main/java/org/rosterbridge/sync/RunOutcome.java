package org.rosterbridge.sync;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a school's run ended (or that it began). */
public enum RunOutcome {
    STARTED,
    COMPLETED,
    /** Extraction or a sink failed; nothing was committed for the sinks that failed. */
    FAILED,
    /** The mass-change guard stopped the run: nothing published, nothing committed, waiting for approval. */
    HELD;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

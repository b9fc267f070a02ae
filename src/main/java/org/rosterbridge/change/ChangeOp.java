package org.rosterbridge.change;

import com.fasterxml.jackson.annotation.JsonValue;

/** What happened to a record between two committed snapshots, as consumers see it. */
public enum ChangeOp {
    CREATED,
    UPDATED,
    DELETED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

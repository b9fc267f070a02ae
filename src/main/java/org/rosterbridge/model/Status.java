package org.rosterbridge.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** OneRoster v1.1 record status. The deprecated v1.0 {@code inactive} reads as {@link #TOBEDELETED}. */
public enum Status {
    ACTIVE("active"),
    TOBEDELETED("tobedeleted");

    private final String wire;

    Status(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Tolerant: case-insensitive, {@code inactive} is {@code tobedeleted}, absent is {@code active}. */
    @JsonCreator
    public static Status parse(String value) {
        if (value == null || value.isBlank()) {
            return ACTIVE;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "active" -> ACTIVE;
            case "tobedeleted", "inactive" -> TOBEDELETED;
            default -> throw new IllegalArgumentException("status '" + value + "' is not active, tobedeleted or inactive");
        };
    }
}

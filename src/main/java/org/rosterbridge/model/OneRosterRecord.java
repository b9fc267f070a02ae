package org.rosterbridge.model;

import java.time.Instant;
import java.util.Map;

/** What every canonical record has: an id, a status, a modification time and the fields the reader did not know. */
public interface OneRosterRecord {
    String sourcedId();

    Status status();

    /** Xporter's hint of when the record last changed; may be null. Never used on its own to decide a change. */
    Instant dateLastModified();

    /** The source's {@code metadata} object plus any top-level fields the reader did not recognise. Never null. */
    Map<String, Object> metadata();

    Entity entity();

    default boolean active() {
        return status() == Status.ACTIVE;
    }
}

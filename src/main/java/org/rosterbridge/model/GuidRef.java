package org.rosterbridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * A reference to another record. Only {@code sourcedId} is trusted: Xporter's {@code href} may be missing or
 * malformed, and it names the server, so keeping it would make a base-URL change look like a change to every record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"sourcedId", "type"})
public record GuidRef(String sourcedId, String type) {
    public GuidRef {
        Objects.requireNonNull(sourcedId, "sourcedId");
    }

    public static GuidRef of(String sourcedId, String type) {
        return new GuidRef(sourcedId, type);
    }
}

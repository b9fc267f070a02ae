package org.rosterbridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A user's membership of a class, as student or teacher, optionally bounded by dates. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"sourcedId", "status", "dateLastModified", "user", "class", "school", "role", "primary",
        "beginDate", "endDate", "metadata"})
public record Enrollment(
        String sourcedId,
        Status status,
        Instant dateLastModified,
        GuidRef user,
        @JsonProperty("class") GuidRef schoolClass,
        GuidRef school,
        String role,
        Boolean primary,
        LocalDate beginDate,
        LocalDate endDate,
        Map<String, Object> metadata) implements OneRosterRecord {

    public Enrollment {
        metadata = Records.metadata(metadata);
    }

    @Override
    public Entity entity() {
        return Entity.ENROLLMENTS;
    }
}

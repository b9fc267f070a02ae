package org.rosterbridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A school year, term or other period. {@code schoolYear} is the four-digit year in which the school year ends. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate", "parent",
        "schoolYear", "metadata"})
public record AcademicSession(
        String sourcedId,
        Status status,
        Instant dateLastModified,
        String title,
        String type,
        LocalDate startDate,
        LocalDate endDate,
        GuidRef parent,
        String schoolYear,
        Map<String, Object> metadata) implements OneRosterRecord {

    public AcademicSession {
        metadata = Records.metadata(metadata);
    }

    @Override
    public Entity entity() {
        return Entity.ACADEMIC_SESSIONS;
    }
}

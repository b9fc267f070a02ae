package org.rosterbridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A course: what classes teach (for a UK school, typically a subject in a year group). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"sourcedId", "status", "dateLastModified", "title", "schoolYear", "courseCode", "grades",
        "subjects", "org", "subjectCodes", "metadata"})
public record Course(
        String sourcedId,
        Status status,
        Instant dateLastModified,
        String title,
        GuidRef schoolYear,
        String courseCode,
        List<String> grades,
        List<String> subjects,
        GuidRef org,
        List<String> subjectCodes,
        Map<String, Object> metadata) implements OneRosterRecord {

    public Course {
        grades = Records.list(grades);
        subjects = Records.list(subjects);
        subjectCodes = Records.list(subjectCodes);
        metadata = Records.metadata(metadata);
    }

    @Override
    public Entity entity() {
        return Entity.COURSES;
    }
}

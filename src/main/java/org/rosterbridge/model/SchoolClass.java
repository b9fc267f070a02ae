package org.rosterbridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A OneRoster class: a tutor group ({@code homeroom}) or a teaching set ({@code scheduled}). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"sourcedId", "status", "dateLastModified", "title", "classCode", "classType", "location",
        "grades", "subjects", "course", "school", "terms", "subjectCodes", "periods", "metadata"})
public record SchoolClass(
        String sourcedId,
        Status status,
        Instant dateLastModified,
        String title,
        String classCode,
        String classType,
        String location,
        List<String> grades,
        List<String> subjects,
        GuidRef course,
        GuidRef school,
        List<GuidRef> terms,
        List<String> subjectCodes,
        List<String> periods,
        Map<String, Object> metadata) implements OneRosterRecord {

    public SchoolClass {
        grades = Records.list(grades);
        subjects = Records.list(subjects);
        terms = Records.list(terms);
        subjectCodes = Records.list(subjectCodes);
        periods = Records.list(periods);
        metadata = Records.metadata(metadata);
    }

    @Override
    public Entity entity() {
        return Entity.CLASSES;
    }
}

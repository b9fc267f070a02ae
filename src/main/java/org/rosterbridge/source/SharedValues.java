package org.rosterbridge.source;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.rosterbridge.model.GuidRef;

/**
 * Equal values read from one entity's pages, held once. A secondary school's 12,000 enrollments name the same school,
 * about 500 classes and 1,600 users over and over, and most of its records share a handful of roles, year groups and
 * dates: read naively, each repeat is a String or object of its own, which was a tenth of a school's live heap while
 * it is in flight. Used by one lane at a time, like its {@link EntityPull}, so it needs no locking.
 */
final class SharedValues {
    /** By type (the null type included: a bare id is typed later), then by sourcedId. */
    private final Map<String, Map<String, GuidRef>> refs = new HashMap<>();
    private final Map<String, String> codes = new HashMap<>();
    private final Map<Object, Object> times = new HashMap<>();

    /** A reference equal to {@code (sourcedId, type)}: the one already read, when there is one. */
    GuidRef ref(String sourcedId, String type) {
        return refs.computeIfAbsent(type, t -> new HashMap<>())
                .computeIfAbsent(sourcedId, id -> new GuidRef(code(id), type == null ? null : code(type)));
    }

    /** A short text many records repeat (a role, a year group, a type): the instance already read, if any. */
    String code(String text) {
        String known = codes.putIfAbsent(text, text);
        return known != null ? known : text;
    }

    LocalDate date(LocalDate date) {
        return date == null ? null : shared(date);
    }

    Instant instant(Instant instant) {
        return instant == null ? null : shared(instant);
    }

    @SuppressWarnings("unchecked")
    private <T> T shared(T value) {
        Object known = times.putIfAbsent(value, value);
        return known != null ? (T) known : value;
    }
}

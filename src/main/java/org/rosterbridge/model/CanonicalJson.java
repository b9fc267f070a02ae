package org.rosterbridge.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one canonical JSON form of a record: what the state stores, what events carry as {@code before}/{@code after},
 * and what a {@link Fingerprint} is computed from. Property order is fixed by the records, map keys are sorted,
 * absent and empty values are left out, instants and dates are ISO-8601 text.
 *
 * <p>The form was first defined by Jackson's databind over the records' annotations and this mapper; it is now
 * written and read by hand, and tests hold both to what databind does with those annotations.
 */
public final class CanonicalJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private CanonicalJson() {
    }

    /** The shared mapper, configured for canonical records. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The record's canonical JSON, written by hand ({@link CanonicalWriter}) to exactly the bytes this mapper would
     * write for it, so that fingerprints in existing state stay valid.
     */
    public static byte[] write(OneRosterRecord record) {
        return CanonicalWriter.write(record);
    }

    /** The typed record of canonical JSON, read by hand ({@link CanonicalReader}) into what databind made of it. */
    public static OneRosterRecord read(Entity entity, byte[] json) {
        try {
            return CanonicalReader.read(entity, json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored " + entity + " record is not canonical JSON", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            // a status no reader knows, or a reference without its sourcedId: what databind reported as unreadable
            throw new UncheckedIOException("stored " + entity + " record is not canonical JSON",
                    new IOException(e.getMessage(), e));
        }
    }

    public static Class<? extends OneRosterRecord> typeOf(Entity entity) {
        return switch (entity) {
            case ORGS -> Org.class;
            case ACADEMIC_SESSIONS -> AcademicSession.class;
            case COURSES -> Course.class;
            case CLASSES -> SchoolClass.class;
            case USERS -> User.class;
            case ENROLLMENTS -> Enrollment.class;
            case ROSTERS -> RosterRow.class;
        };
    }
}

package org.rosterbridge.source;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rosterbridge.model.AcademicSession;
import org.rosterbridge.model.Course;
import org.rosterbridge.model.Enrollment;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.GuidRef;
import org.rosterbridge.model.IsoTimes;
import org.rosterbridge.model.OneRosterRecord;
import org.rosterbridge.model.Org;
import org.rosterbridge.model.SchoolClass;
import org.rosterbridge.model.Status;
import org.rosterbridge.model.User;
import org.rosterbridge.model.UserId;

/**
 * The tolerant reader: one Xporter JSON record, read straight off the stream, into a canonical record.
 *
 * <p>It accepts both shapes the vendor documents: Xporter's {@code orgSourcedIds} strings and the standard
 * {@code orgs} GUIDRefs; booleans as JSON booleans or the strings {@code "true"}/{@code "false"}; absent keys and
 * nulls alike; the deprecated status {@code inactive} as {@code tobedeleted}. A GUIDRef keeps only its sourcedId
 * (and type). Fields it does not know are kept in {@code metadata} under their own name (the record's own
 * {@code metadata} object wins a clash), so nothing the source sent is dropped. It reads the stream directly rather
 * than through a tree because every record of every page passes through here.
 */
public final class RecordReader {

    /** How a known field's JSON value becomes a Java value; a CODE is text that many records repeat. */
    private enum Kind { TEXT, CODE, BOOLEAN, DATE, INSTANT, STATUS, REF, REFS, TEXTS, ORG_IDS, USER_IDS, METADATA }

    private record Field(int slot, Kind kind) {
    }

    private static final Map<Entity, Map<String, Field>> FIELDS = new EnumMap<>(Entity.class);

    // slots 0..3 are the same for every entity
    private static final int SOURCED_ID = 0;
    private static final int STATUS = 1;
    private static final int DLM = 2;
    private static final int METADATA = 3;

    static {
        table(Entity.ORGS, "name", Kind.TEXT, "type", Kind.CODE, "identifier", Kind.TEXT, "parent", Kind.REF,
                "children", Kind.REFS);
        table(Entity.ACADEMIC_SESSIONS, "title", Kind.TEXT, "type", Kind.CODE, "startDate", Kind.DATE,
                "endDate", Kind.DATE, "parent", Kind.REF, "schoolYear", Kind.CODE);
        table(Entity.COURSES, "title", Kind.TEXT, "schoolYear", Kind.REF, "courseCode", Kind.TEXT,
                "grades", Kind.TEXTS, "subjects", Kind.TEXTS, "org", Kind.REF, "subjectCodes", Kind.TEXTS);
        table(Entity.CLASSES, "title", Kind.TEXT, "classCode", Kind.TEXT, "classType", Kind.CODE,
                "location", Kind.CODE, "grades", Kind.TEXTS, "subjects", Kind.TEXTS, "course", Kind.REF,
                "school", Kind.REF, "terms", Kind.REFS, "subjectCodes", Kind.TEXTS, "periods", Kind.TEXTS);
        table(Entity.USERS, "username", Kind.TEXT, "userIds", Kind.USER_IDS, "enabledUser", Kind.BOOLEAN,
                "givenName", Kind.TEXT, "familyName", Kind.TEXT, "middleName", Kind.TEXT, "role", Kind.CODE,
                "identifier", Kind.TEXT, "email", Kind.TEXT, "sms", Kind.TEXT, "phone", Kind.TEXT,
                "orgs", Kind.REFS, "agents", Kind.REFS, "grades", Kind.TEXTS,
                // Xporter's own spellings, folded into the standard slots above by alias()
                "orgSourcedIds", Kind.ORG_IDS, "agentSourcedIds", Kind.ORG_IDS);
        table(Entity.ENROLLMENTS, "user", Kind.REF, "class", Kind.REF, "school", Kind.REF, "role", Kind.CODE,
                "primary", Kind.BOOLEAN, "beginDate", Kind.DATE, "endDate", Kind.DATE,
                "userSourcedId", Kind.REF, "classSourcedId", Kind.REF, "schoolSourcedId", Kind.REF);
    }

    private static void table(Entity entity, Object... nameKinds) {
        Map<String, Field> fields = new HashMap<>();
        fields.put("sourcedId", new Field(SOURCED_ID, Kind.TEXT));
        fields.put("status", new Field(STATUS, Kind.STATUS));
        fields.put("dateLastModified", new Field(DLM, Kind.INSTANT));
        fields.put("metadata", new Field(METADATA, Kind.METADATA));
        int slot = METADATA + 1;
        for (int i = 0; i < nameKinds.length; i += 2) {
            String name = (String) nameKinds[i];
            Field alias = alias(entity, name, fields);
            fields.put(name, alias != null ? new Field(alias.slot(), (Kind) nameKinds[i + 1])
                    : new Field(slot++, (Kind) nameKinds[i + 1]));
        }
        FIELDS.put(entity, fields);
    }

    /** Alternative spellings share the slot of the standard field they stand for. */
    private static Field alias(Entity entity, String name, Map<String, Field> known) {
        String standard = switch (name) {
            case "orgSourcedIds" -> "orgs";
            case "agentSourcedIds" -> "agents";
            case "userSourcedId" -> entity == Entity.ENROLLMENTS ? "user" : null;
            case "classSourcedId" -> entity == Entity.ENROLLMENTS ? "class" : null;
            case "schoolSourcedId" -> entity == Entity.ENROLLMENTS ? "school" : null;
            default -> null;
        };
        return standard == null ? null : known.get(standard);
    }

    private static int slots(Entity entity) {
        return FIELDS.get(entity).values().stream().mapToInt(Field::slot).max().orElse(0) + 1;
    }

    private static final Map<Entity, Integer> SLOTS = new EnumMap<>(Entity.class);

    static {
        for (Entity e : Entity.SOURCE) {
            SLOTS.put(e, slots(e));
        }
    }

    private RecordReader() {
    }

    /**
     * Reads one record. The parser must be on the record's START_OBJECT; it is left on the matching END_OBJECT.
     *
     * @throws MalformedRecordException when a value cannot be read in any documented shape
     */
    public static OneRosterRecord read(Entity entity, JsonParser p) throws IOException {
        return read(entity, p, new SharedValues());
    }

    /** As {@link #read(Entity, JsonParser)}, holding values equal to ones read before through {@code shared} once. */
    static OneRosterRecord read(Entity entity, JsonParser p, SharedValues shared) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new MalformedRecordException(entity + " record is not a JSON object but " + p.currentToken());
        }
        Map<String, Field> fields = FIELDS.get(entity);
        Object[] v = new Object[SLOTS.get(entity)];
        Map<String, Object> unknown = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            Field f = fields.get(name);
            if (f == null) {
                Object value = p.readValueAs(Object.class);
                if (value != null) {
                    if (unknown == null) {
                        unknown = new LinkedHashMap<>();
                    }
                    unknown.put(name, value);
                }
                continue;
            }
            if (t == JsonToken.VALUE_NULL) {
                continue;
            }
            Object value = value(entity, name, f.kind(), p, t, shared);
            if (value instanceof List<?> list && v[f.slot()] instanceof List<?> earlier) {
                v[f.slot()] = merge(earlier, list);
            } else if (value != null) {
                v[f.slot()] = value;
            }
        }
        String sourcedId = (String) v[SOURCED_ID];
        if (sourcedId == null || sourcedId.isBlank()) {
            throw new MalformedRecordException(entity + " record without a sourcedId");
        }
        Status status = v[STATUS] == null ? Status.ACTIVE : (Status) v[STATUS];
        Map<String, Object> metadata = metadata(v[METADATA], unknown);
        return build(entity, fields, v, sourcedId, status, (Instant) v[DLM], metadata, shared);
    }

    @SuppressWarnings("unchecked")
    private static OneRosterRecord build(Entity entity, Map<String, Field> f, Object[] v, String id, Status status,
                                         Instant dlm, Map<String, Object> md, SharedValues shared) {
        return switch (entity) {
            case ORGS -> new Org(id, status, dlm, s(v, f, "name"), s(v, f, "type"), s(v, f, "identifier"),
                    ref(v, f, "parent"), (List<GuidRef>) o(v, f, "children"), md);
            case ACADEMIC_SESSIONS -> new AcademicSession(id, status, dlm, s(v, f, "title"), s(v, f, "type"),
                    (LocalDate) o(v, f, "startDate"), (LocalDate) o(v, f, "endDate"), ref(v, f, "parent"),
                    s(v, f, "schoolYear"), md);
            case COURSES -> new Course(id, status, dlm, s(v, f, "title"), ref(v, f, "schoolYear"),
                    s(v, f, "courseCode"), texts(v, f, "grades"), texts(v, f, "subjects"), ref(v, f, "org"),
                    texts(v, f, "subjectCodes"), md);
            case CLASSES -> new SchoolClass(id, status, dlm, s(v, f, "title"), s(v, f, "classCode"),
                    s(v, f, "classType"), s(v, f, "location"), texts(v, f, "grades"), texts(v, f, "subjects"),
                    ref(v, f, "course"), ref(v, f, "school"), (List<GuidRef>) o(v, f, "terms"),
                    texts(v, f, "subjectCodes"), texts(v, f, "periods"), md);
            case USERS -> new User(id, status, dlm, s(v, f, "username"), (List<UserId>) o(v, f, "userIds"),
                    (Boolean) o(v, f, "enabledUser"), s(v, f, "givenName"), s(v, f, "familyName"),
                    s(v, f, "middleName"), s(v, f, "role"), s(v, f, "identifier"), s(v, f, "email"),
                    s(v, f, "sms"), s(v, f, "phone"), typed(refs(v, f, "orgs"), "org", shared), typed(refs(v, f, "agents"), "user", shared),
                    texts(v, f, "grades"), md);
            case ENROLLMENTS -> new Enrollment(id, status, dlm, typed(ref(v, f, "user"), "user", shared),
                    typed(ref(v, f, "class"), "class", shared), typed(ref(v, f, "school"), "org", shared), s(v, f, "role"),
                    (Boolean) o(v, f, "primary"), (LocalDate) o(v, f, "beginDate"),
                    (LocalDate) o(v, f, "endDate"), md);
            case ROSTERS -> throw new IllegalArgumentException("roster rows are derived, not read");
        };
    }

    private static Object o(Object[] v, Map<String, Field> f, String name) {
        return v[f.get(name).slot()];
    }

    private static String s(Object[] v, Map<String, Field> f, String name) {
        return (String) o(v, f, name);
    }

    private static GuidRef ref(Object[] v, Map<String, Field> f, String name) {
        return (GuidRef) o(v, f, name);
    }

    @SuppressWarnings("unchecked")
    private static List<GuidRef> refs(Object[] v, Map<String, Field> f, String name) {
        return (List<GuidRef>) o(v, f, name);
    }

    @SuppressWarnings("unchecked")
    private static List<String> texts(Object[] v, Map<String, Field> f, String name) {
        return (List<String>) o(v, f, name);
    }

    /** A reference read from a bare id string has no type: give it the one the field implies. */
    private static GuidRef typed(GuidRef ref, String type, SharedValues shared) {
        return ref == null || ref.type() != null ? ref : shared.ref(ref.sourcedId(), type);
    }

    private static List<GuidRef> typed(List<GuidRef> refs, String type, SharedValues shared) {
        if (refs == null) {
            return null;
        }
        List<GuidRef> out = new ArrayList<>(refs.size());
        for (GuidRef r : refs) {
            out.add(typed(r, type, shared));
        }
        return out;
    }

    private static List<?> merge(List<?> a, List<?> b) {
        List<Object> out = new ArrayList<>(a);
        for (Object o : b) {
            if (!out.contains(o)) {
                out.add(o);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(Object own, Map<String, Object> unknown) {
        if (unknown == null) {
            return (Map<String, Object>) own;
        }
        if (own != null) {
            unknown.putAll((Map<String, Object>) own);
        }
        return unknown;
    }

    private static Object value(Entity entity, String name, Kind kind, JsonParser p, JsonToken t,
                                SharedValues shared) throws IOException {
        return switch (kind) {
            case TEXT -> text(entity, name, p, t);
            case CODE -> {
                String s = text(entity, name, p, t);
                yield s == null ? null : shared.code(s);
            }
            case BOOLEAN -> bool(entity, name, p, t);
            case STATUS -> {
                String s = text(entity, name, p, t);
                try {
                    yield Status.parse(s);
                } catch (IllegalArgumentException e) {
                    throw new MalformedRecordException(entity + " record has " + e.getMessage());
                }
            }
            case DATE -> shared.date(date(text(entity, name, p, t)));
            case INSTANT -> shared.instant(instant(text(entity, name, p, t)));
            case REF -> ref(entity, name, p, t, shared);
            case REFS -> refList(entity, name, p, t, shared);
            case ORG_IDS -> {
                List<GuidRef> refs = new ArrayList<>();
                String type = name.startsWith("agent") ? "user" : "org";
                for (String id : texts(entity, name, p, t, shared)) {
                    refs.add(shared.ref(id, type));
                }
                yield refs;
            }
            case TEXTS -> texts(entity, name, p, t, shared);
            case USER_IDS -> userIds(entity, name, p, t, shared);
            case METADATA -> {
                if (t != JsonToken.START_OBJECT) {
                    throw new MalformedRecordException(entity + " field metadata is not an object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = p.readValueAs(LinkedHashMap.class);
                yield m.isEmpty() ? null : m;
            }
        };
    }

    private static String text(Entity entity, String name, JsonParser p, JsonToken t) throws IOException {
        if (t.isScalarValue()) {
            String s = p.getText();
            return s.isEmpty() ? null : s;
        }
        throw new MalformedRecordException(entity + " field " + name + " should be text but is " + describe(t));
    }

    private static Boolean bool(Entity entity, String name, JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        if (t == JsonToken.VALUE_STRING) {
            switch (p.getText().trim().toLowerCase(Locale.ROOT)) {
                case "true":
                    return Boolean.TRUE;
                case "false":
                    return Boolean.FALSE;
                case "":
                    return null;
                default:
                    break;
            }
        }
        throw new MalformedRecordException(entity + " field " + name + " should be true or false but is '"
                + (t.isScalarValue() ? p.getText() : describe(t)) + "'");
    }

    private static GuidRef ref(Entity entity, String name, JsonParser p, JsonToken t, SharedValues shared)
            throws IOException {
        if (t == JsonToken.VALUE_STRING) {
            String id = p.getText().trim();
            return id.isEmpty() ? null : shared.ref(id, null);
        }
        if (t != JsonToken.START_OBJECT) {
            throw new MalformedRecordException(entity + " field " + name + " should be a GUIDRef but is "
                    + describe(t));
        }
        String id = null;
        String type = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken vt = p.nextToken();
            if (vt.isScalarValue() && vt != JsonToken.VALUE_NULL && ("sourcedId".equals(key) || "type".equals(key))) {
                if ("sourcedId".equals(key)) {
                    id = p.getText().trim();
                } else {
                    type = p.getText().trim();
                }
            } else {
                p.skipChildren(); // href, which may be missing or malformed, is never used
            }
        }
        return id == null || id.isEmpty() ? null : shared.ref(id, type == null || type.isEmpty() ? null : type);
    }

    private static List<GuidRef> refList(Entity entity, String name, JsonParser p, JsonToken t, SharedValues shared)
            throws IOException {
        if (t != JsonToken.START_ARRAY) {
            GuidRef single = ref(entity, name, p, t, shared);
            return single == null ? null : List.of(single);
        }
        List<GuidRef> out = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e == JsonToken.VALUE_NULL) {
                continue;
            }
            GuidRef r = ref(entity, name, p, e, shared);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** An array of strings; a single string is read as a comma-separated list, as the CSV binding writes one. */
    private static List<String> texts(Entity entity, String name, JsonParser p, JsonToken t, SharedValues shared)
            throws IOException {
        List<String> out = new ArrayList<>();
        if (t == JsonToken.VALUE_STRING) {
            for (String part : p.getText().split(",")) {
                if (!part.isBlank()) {
                    out.add(shared.code(part.trim()));
                }
            }
            return out;
        }
        if (t != JsonToken.START_ARRAY) {
            throw new MalformedRecordException(entity + " field " + name + " should be a list but is "
                    + describe(t));
        }
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e == JsonToken.VALUE_NULL) {
                continue;
            }
            String s = text(entity, name, p, e);
            if (s != null) {
                out.add(shared.code(s));
            }
        }
        return out;
    }

    private static List<UserId> userIds(Entity entity, String name, JsonParser p, JsonToken t, SharedValues shared)
            throws IOException {
        if (t != JsonToken.START_ARRAY) {
            throw new MalformedRecordException(entity + " field " + name + " should be a list but is "
                    + describe(t));
        }
        List<UserId> out = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
            if (e != JsonToken.START_OBJECT) {
                throw new MalformedRecordException(entity + " field " + name + " holds " + describe(e)
                        + " where an object of type and identifier belongs");
            }
            String type = null;
            String identifier = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken vt = p.nextToken();
                if (!vt.isScalarValue() || vt == JsonToken.VALUE_NULL) {
                    p.skipChildren();
                } else if ("type".equals(key)) {
                    type = shared.code(p.getText());
                } else if ("identifier".equals(key)) {
                    identifier = p.getText();
                }
            }
            if (identifier != null && !identifier.isEmpty()) {
                out.add(new UserId(type, identifier));
            }
        }
        return out;
    }

    /** {@code YYYY-MM-DD}, or the date part of a date-time. An unreadable date is left out rather than guessed. */
    static LocalDate date(String s) {
        return IsoTimes.date(s);
    }

    /** ISO-8601 with Z or an offset; without a zone it is taken as UTC, which is what Xporter means. */
    static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        Instant utc = IsoTimes.utcInstant(s);
        if (utc != null) {
            return utc;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    LocalDate d = date(s);
                    return d == null ? null : d.atStartOfDay(ZoneOffset.UTC).toInstant();
                }
            }
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            default -> t.toString();
        };
    }
}

package org.rosterbridge.model;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a stored record's canonical JSON back into its typed record, straight off Jackson's token stream.
 *
 * <p>Read by hand for the same reason {@link CanonicalWriter} writes by hand: databind's reflective creators cost
 * more than the rest of the work on every stored version a run needs. It gives the records databind gave: an absent
 * or null property is null (the record constructors then make absent lists empty), unknown properties are skipped,
 * scalars are read as text where text is expected, and metadata numbers are read by the canonical mapper.
 */
final class CanonicalReader {
    private CanonicalReader() {
    }

    static OneRosterRecord read(Entity entity, byte[] json) throws IOException {
        try (JsonParser p = CanonicalJson.mapper().createParser(json)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT);
            return switch (entity) {
                case ORGS -> org(p);
                case ACADEMIC_SESSIONS -> academicSession(p);
                case COURSES -> course(p);
                case CLASSES -> schoolClass(p);
                case USERS -> user(p);
                case ENROLLMENTS -> enrollment(p);
                case ROSTERS -> rosterRow(p);
            };
        }
    }

    /** The four properties every record has; it reads them when {@link #read} says a name is one of them. */
    private static final class Head {
        String sourcedId;
        Status status;
        Instant dateLastModified;
        Map<String, Object> metadata;

        /** Reads the value of a common property, or skips the value of an unknown one. */
        void read(String name, JsonParser p) throws IOException {
            switch (name) {
                case "sourcedId" -> sourcedId = text(p);
                case "status" -> {
                    String s = text(p);
                    status = s == null ? null : Status.parse(s);
                }
                case "dateLastModified" -> dateLastModified = instant(p);
                case "metadata" -> metadata = metadata(p);
                default -> p.skipChildren();
            }
        }
    }

    private static Org org(JsonParser p) throws IOException {
        Head h = new Head();
        String name = null;
        String type = null;
        String identifier = null;
        GuidRef parent = null;
        List<GuidRef> children = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = text(p);
                case "type" -> type = text(p);
                case "identifier" -> identifier = text(p);
                case "parent" -> parent = ref(p);
                case "children" -> children = refs(p);
                default -> h.read(field, p);
            }
        }
        return new Org(h.sourcedId, h.status, h.dateLastModified, name, type, identifier, parent, children,
                h.metadata);
    }

    private static AcademicSession academicSession(JsonParser p) throws IOException {
        Head h = new Head();
        String title = null;
        String type = null;
        LocalDate startDate = null;
        LocalDate endDate = null;
        GuidRef parent = null;
        String schoolYear = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "title" -> title = text(p);
                case "type" -> type = text(p);
                case "startDate" -> startDate = date(p);
                case "endDate" -> endDate = date(p);
                case "parent" -> parent = ref(p);
                case "schoolYear" -> schoolYear = text(p);
                default -> h.read(field, p);
            }
        }
        return new AcademicSession(h.sourcedId, h.status, h.dateLastModified, title, type, startDate, endDate,
                parent, schoolYear, h.metadata);
    }

    private static Course course(JsonParser p) throws IOException {
        Head h = new Head();
        String title = null;
        GuidRef schoolYear = null;
        String courseCode = null;
        List<String> grades = null;
        List<String> subjects = null;
        GuidRef org = null;
        List<String> subjectCodes = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "title" -> title = text(p);
                case "schoolYear" -> schoolYear = ref(p);
                case "courseCode" -> courseCode = text(p);
                case "grades" -> grades = texts(p);
                case "subjects" -> subjects = texts(p);
                case "org" -> org = ref(p);
                case "subjectCodes" -> subjectCodes = texts(p);
                default -> h.read(field, p);
            }
        }
        return new Course(h.sourcedId, h.status, h.dateLastModified, title, schoolYear, courseCode, grades, subjects,
                org, subjectCodes, h.metadata);
    }

    private static SchoolClass schoolClass(JsonParser p) throws IOException {
        Head h = new Head();
        String title = null;
        String classCode = null;
        String classType = null;
        String location = null;
        List<String> grades = null;
        List<String> subjects = null;
        GuidRef course = null;
        GuidRef school = null;
        List<GuidRef> terms = null;
        List<String> subjectCodes = null;
        List<String> periods = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "title" -> title = text(p);
                case "classCode" -> classCode = text(p);
                case "classType" -> classType = text(p);
                case "location" -> location = text(p);
                case "grades" -> grades = texts(p);
                case "subjects" -> subjects = texts(p);
                case "course" -> course = ref(p);
                case "school" -> school = ref(p);
                case "terms" -> terms = refs(p);
                case "subjectCodes" -> subjectCodes = texts(p);
                case "periods" -> periods = texts(p);
                default -> h.read(field, p);
            }
        }
        return new SchoolClass(h.sourcedId, h.status, h.dateLastModified, title, classCode, classType, location,
                grades, subjects, course, school, terms, subjectCodes, periods, h.metadata);
    }

    private static User user(JsonParser p) throws IOException {
        Head h = new Head();
        String username = null;
        List<UserId> userIds = null;
        Boolean enabledUser = null;
        String givenName = null;
        String familyName = null;
        String middleName = null;
        String role = null;
        String identifier = null;
        String email = null;
        String sms = null;
        String phone = null;
        List<GuidRef> orgs = null;
        List<GuidRef> agents = null;
        List<String> grades = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "username" -> username = text(p);
                case "userIds" -> userIds = userIds(p);
                case "enabledUser" -> enabledUser = bool(p);
                case "givenName" -> givenName = text(p);
                case "familyName" -> familyName = text(p);
                case "middleName" -> middleName = text(p);
                case "role" -> role = text(p);
                case "identifier" -> identifier = text(p);
                case "email" -> email = text(p);
                case "sms" -> sms = text(p);
                case "phone" -> phone = text(p);
                case "orgs" -> orgs = refs(p);
                case "agents" -> agents = refs(p);
                case "grades" -> grades = texts(p);
                default -> h.read(field, p);
            }
        }
        return new User(h.sourcedId, h.status, h.dateLastModified, username, userIds, enabledUser, givenName,
                familyName, middleName, role, identifier, email, sms, phone, orgs, agents, grades, h.metadata);
    }

    private static Enrollment enrollment(JsonParser p) throws IOException {
        Head h = new Head();
        GuidRef user = null;
        GuidRef schoolClass = null;
        GuidRef school = null;
        String role = null;
        Boolean primary = null;
        LocalDate beginDate = null;
        LocalDate endDate = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "user" -> user = ref(p);
                case "class" -> schoolClass = ref(p);
                case "school" -> school = ref(p);
                case "role" -> role = text(p);
                case "primary" -> primary = bool(p);
                case "beginDate" -> beginDate = date(p);
                case "endDate" -> endDate = date(p);
                default -> h.read(field, p);
            }
        }
        return new Enrollment(h.sourcedId, h.status, h.dateLastModified, user, schoolClass, school, role, primary,
                beginDate, endDate, h.metadata);
    }

    private static RosterRow rosterRow(JsonParser p) throws IOException {
        Head h = new Head();
        String role = null;
        Boolean primary = null;
        LocalDate beginDate = null;
        LocalDate endDate = null;
        GuidRef school = null;
        RosterRow.UserSummary user = null;
        RosterRow.ClassSummary schoolClass = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "role" -> role = text(p);
                case "primary" -> primary = bool(p);
                case "beginDate" -> beginDate = date(p);
                case "endDate" -> endDate = date(p);
                case "school" -> school = ref(p);
                case "user" -> user = userSummary(p);
                case "class" -> schoolClass = classSummary(p);
                default -> h.read(field, p);
            }
        }
        return new RosterRow(h.sourcedId, h.status, h.dateLastModified, role, primary, beginDate, endDate, school,
                user, schoolClass, h.metadata);
    }

    private static RosterRow.UserSummary userSummary(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, p.currentToken(), JsonToken.START_OBJECT);
        String sourcedId = null;
        String username = null;
        String givenName = null;
        String familyName = null;
        String role = null;
        String identifier = null;
        List<UserId> userIds = null;
        String email = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "sourcedId" -> sourcedId = text(p);
                case "username" -> username = text(p);
                case "givenName" -> givenName = text(p);
                case "familyName" -> familyName = text(p);
                case "role" -> role = text(p);
                case "identifier" -> identifier = text(p);
                case "userIds" -> userIds = userIds(p);
                case "email" -> email = text(p);
                default -> p.skipChildren();
            }
        }
        return new RosterRow.UserSummary(sourcedId, username, givenName, familyName, role, identifier, userIds,
                email);
    }

    private static RosterRow.ClassSummary classSummary(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, p.currentToken(), JsonToken.START_OBJECT);
        String sourcedId = null;
        String title = null;
        String classCode = null;
        String classType = null;
        GuidRef course = null;
        GuidRef school = null;
        List<GuidRef> terms = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "sourcedId" -> sourcedId = text(p);
                case "title" -> title = text(p);
                case "classCode" -> classCode = text(p);
                case "classType" -> classType = text(p);
                case "course" -> course = ref(p);
                case "school" -> school = ref(p);
                case "terms" -> terms = refs(p);
                default -> p.skipChildren();
            }
        }
        return new RosterRow.ClassSummary(sourcedId, title, classCode, classType, course, school, terms);
    }

    private static GuidRef ref(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, p.currentToken(), JsonToken.START_OBJECT);
        String sourcedId = null;
        String type = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "sourcedId" -> sourcedId = text(p);
                case "type" -> type = text(p);
                default -> p.skipChildren();
            }
        }
        return new GuidRef(sourcedId, type);
    }

    /** How one element of a list is read; the parser is on its first token. */
    @FunctionalInterface
    private interface Element<T> {
        T read(JsonParser p) throws IOException;
    }

    /** A JSON list (or null) of elements read by {@code element}. */
    private static <T> List<T> list(JsonParser p, Element<T> element) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, p.currentToken(), JsonToken.START_ARRAY);
        List<T> out = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            out.add(element.read(p));
        }
        return out;
    }

    private static List<GuidRef> refs(JsonParser p) throws IOException {
        return list(p, CanonicalReader::ref);
    }

    private static List<String> texts(JsonParser p) throws IOException {
        return list(p, CanonicalReader::text);
    }

    private static List<UserId> userIds(JsonParser p) throws IOException {
        return list(p, CanonicalReader::userId);
    }

    private static UserId userId(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, p.currentToken(), JsonToken.START_OBJECT);
        String type = null;
        String identifier = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "type" -> type = text(p);
                case "identifier" -> identifier = text(p);
                default -> p.skipChildren();
            }
        }
        return new UserId(type, identifier);
    }

    private static Map<String, Object> metadata(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(p, p.currentToken(), JsonToken.START_OBJECT);
        return object(p);
    }

    /**
     * A JSON value as databind's untyped reader makes it: text, booleans, null, maps in document order and lists
     * here; numbers, whose Java type depends on the mapper's settings, by the mapper itself.
     */
    private static Object value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING -> p.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_OBJECT -> object(p);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(value(p));
                }
                yield list;
            }
            default -> p.readValueAs(Object.class);
        };
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            map.put(key, value(p));
        }
        return map;
    }

    /** Text, or any other scalar as its text, as databind reads a String property. */
    private static String text(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!t.isScalarValue()) {
            throw new JsonParseException(p, "text expected, not " + t);
        }
        return p.getText();
    }

    private static Boolean bool(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> throw new JsonParseException(p, "true or false expected, not " + p.currentToken());
        };
    }

    /**
     * The shape {@link CanonicalWriter} writes, {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z}, read without a formatter;
     * anything else (a year outside 0000-9999) goes to {@link Instant#parse}, the ISO_INSTANT databind used.
     */
    private static Instant instant(JsonParser p) throws IOException {
        String s = text(p);
        if (s == null) {
            return null;
        }
        try {
            Instant fast = IsoTimes.utcInstant(s);
            return fast != null ? fast : Instant.parse(s);
        } catch (DateTimeException e) {
            throw new JsonParseException(p, "not an ISO-8601 instant: " + s, e);
        }
    }

    private static LocalDate date(JsonParser p) throws IOException {
        String s = text(p);
        if (s == null) {
            return null;
        }
        try {
            LocalDate fast = s.length() == 10 ? IsoTimes.date(s) : null;
            return fast != null ? fast : LocalDate.parse(s);
        } catch (DateTimeException e) {
            throw new JsonParseException(p, "not an ISO-8601 date: " + s, e);
        }
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new JsonParseException(p, expected + " expected, not " + actual);
        }
    }
}

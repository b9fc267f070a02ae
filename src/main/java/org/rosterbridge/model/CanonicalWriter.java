package org.rosterbridge.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes the canonical JSON of a record straight into bytes, field by field in each record's fixed order.
 *
 * <p>Written by hand: Jackson's databind (reflective bean serialisers over the records) was a tenth of a first run's
 * CPU. The bytes must stay exactly what that databind configuration wrote (property order of the records'
 * {@code @JsonPropertyOrder}, {@code NON_EMPTY} and {@code NON_NULL} rules, ISO-8601 text for instants and dates,
 * the escaping of Jackson's {@code UTF8JsonGenerator}), because every {@link Fingerprint} in every stored state is a
 * hash of them: a single byte of difference would make each stored record look changed. Metadata values of
 * uncommon types are still written by Jackson.
 */
final class CanonicalWriter {
    private static final int INITIAL = 1024;
    /** A buffer grown past this by one huge record is not kept for the thread's next record. */
    private static final int KEPT = 64 * 1024;
    private static final ThreadLocal<CanonicalWriter> LOCAL = ThreadLocal.withInitial(CanonicalWriter::new);

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** For ASCII: 0 written as is, a letter written after a backslash, -1 written as a backslash-u escape. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    // seconds of 0000-01-01T00:00:00Z and of 10000-01-01T00:00:00Z: inside, ISO_INSTANT prints a four-digit year
    private static final long FIRST_FOUR_DIGIT_SECOND = -62_167_219_200L;
    private static final long FIRST_FIVE_DIGIT_SECOND = 253_402_300_800L;

    private static final byte[] SOURCED_ID = key("sourcedId");
    private static final byte[] STATUS = key("status");
    private static final byte[] DATE_LAST_MODIFIED = key("dateLastModified");
    private static final byte[] METADATA = key("metadata");
    private static final byte[] NAME = key("name");
    private static final byte[] TYPE = key("type");
    private static final byte[] IDENTIFIER = key("identifier");
    private static final byte[] PARENT = key("parent");
    private static final byte[] CHILDREN = key("children");
    private static final byte[] TITLE = key("title");
    private static final byte[] START_DATE = key("startDate");
    private static final byte[] END_DATE = key("endDate");
    private static final byte[] SCHOOL_YEAR = key("schoolYear");
    private static final byte[] COURSE_CODE = key("courseCode");
    private static final byte[] GRADES = key("grades");
    private static final byte[] SUBJECTS = key("subjects");
    private static final byte[] ORG = key("org");
    private static final byte[] SUBJECT_CODES = key("subjectCodes");
    private static final byte[] CLASS_CODE = key("classCode");
    private static final byte[] CLASS_TYPE = key("classType");
    private static final byte[] LOCATION = key("location");
    private static final byte[] COURSE = key("course");
    private static final byte[] SCHOOL = key("school");
    private static final byte[] TERMS = key("terms");
    private static final byte[] PERIODS = key("periods");
    private static final byte[] USERNAME = key("username");
    private static final byte[] USER_IDS = key("userIds");
    private static final byte[] ENABLED_USER = key("enabledUser");
    private static final byte[] GIVEN_NAME = key("givenName");
    private static final byte[] FAMILY_NAME = key("familyName");
    private static final byte[] MIDDLE_NAME = key("middleName");
    private static final byte[] ROLE = key("role");
    private static final byte[] EMAIL = key("email");
    private static final byte[] SMS = key("sms");
    private static final byte[] PHONE = key("phone");
    private static final byte[] ORGS = key("orgs");
    private static final byte[] AGENTS = key("agents");
    private static final byte[] USER = key("user");
    private static final byte[] CLASS = key("class");
    private static final byte[] PRIMARY = key("primary");
    private static final byte[] BEGIN_DATE = key("beginDate");
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private byte[] buf = new byte[INITIAL];
    private int pos;

    private CanonicalWriter() {
    }

    /** The canonical JSON of a record, in a fresh array of exactly its length. */
    static byte[] write(OneRosterRecord record) {
        CanonicalWriter w = LOCAL.get();
        w.pos = 0;
        switch (record.entity()) {
            case ORGS -> w.org((Org) record);
            case ACADEMIC_SESSIONS -> w.academicSession((AcademicSession) record);
            case COURSES -> w.course((Course) record);
            case CLASSES -> w.schoolClass((SchoolClass) record);
            case USERS -> w.user((User) record);
            case ENROLLMENTS -> w.enrollment((Enrollment) record);
            case ROSTERS -> w.rosterRow((RosterRow) record);
        }
        byte[] out = Arrays.copyOf(w.buf, w.pos);
        if (w.buf.length > KEPT) {
            w.buf = new byte[INITIAL];
        }
        return out;
    }

    private void org(Org r) {
        head(r);
        text(NAME, r.name());
        text(TYPE, r.type());
        text(IDENTIFIER, r.identifier());
        ref(PARENT, r.parent());
        refs(CHILDREN, r.children());
        tail(r);
    }

    private void academicSession(AcademicSession r) {
        head(r);
        text(TITLE, r.title());
        text(TYPE, r.type());
        date(START_DATE, r.startDate());
        date(END_DATE, r.endDate());
        ref(PARENT, r.parent());
        text(SCHOOL_YEAR, r.schoolYear());
        tail(r);
    }

    private void course(Course r) {
        head(r);
        text(TITLE, r.title());
        ref(SCHOOL_YEAR, r.schoolYear());
        text(COURSE_CODE, r.courseCode());
        texts(GRADES, r.grades());
        texts(SUBJECTS, r.subjects());
        ref(ORG, r.org());
        texts(SUBJECT_CODES, r.subjectCodes());
        tail(r);
    }

    private void schoolClass(SchoolClass r) {
        head(r);
        text(TITLE, r.title());
        text(CLASS_CODE, r.classCode());
        text(CLASS_TYPE, r.classType());
        text(LOCATION, r.location());
        texts(GRADES, r.grades());
        texts(SUBJECTS, r.subjects());
        ref(COURSE, r.course());
        ref(SCHOOL, r.school());
        refs(TERMS, r.terms());
        texts(SUBJECT_CODES, r.subjectCodes());
        texts(PERIODS, r.periods());
        tail(r);
    }

    private void user(User r) {
        head(r);
        text(USERNAME, r.username());
        userIds(r.userIds());
        bool(ENABLED_USER, r.enabledUser());
        text(GIVEN_NAME, r.givenName());
        text(FAMILY_NAME, r.familyName());
        text(MIDDLE_NAME, r.middleName());
        text(ROLE, r.role());
        text(IDENTIFIER, r.identifier());
        text(EMAIL, r.email());
        text(SMS, r.sms());
        text(PHONE, r.phone());
        refs(ORGS, r.orgs());
        refs(AGENTS, r.agents());
        texts(GRADES, r.grades());
        tail(r);
    }

    private void enrollment(Enrollment r) {
        head(r);
        ref(USER, r.user());
        ref(CLASS, r.schoolClass());
        ref(SCHOOL, r.school());
        text(ROLE, r.role());
        bool(PRIMARY, r.primary());
        date(BEGIN_DATE, r.beginDate());
        date(END_DATE, r.endDate());
        tail(r);
    }

    private void rosterRow(RosterRow r) {
        head(r);
        text(ROLE, r.role());
        bool(PRIMARY, r.primary());
        date(BEGIN_DATE, r.beginDate());
        date(END_DATE, r.endDate());
        ref(SCHOOL, r.school());
        RosterRow.UserSummary u = r.user();
        if (u != null) {
            key(USER);
            put('{');
            text(SOURCED_ID, u.sourcedId());
            text(USERNAME, u.username());
            text(GIVEN_NAME, u.givenName());
            text(FAMILY_NAME, u.familyName());
            text(ROLE, u.role());
            text(IDENTIFIER, u.identifier());
            userIds(u.userIds());
            text(EMAIL, u.email());
            put('}');
        }
        RosterRow.ClassSummary c = r.schoolClass();
        if (c != null) {
            key(CLASS);
            put('{');
            text(SOURCED_ID, c.sourcedId());
            text(TITLE, c.title());
            text(CLASS_CODE, c.classCode());
            text(CLASS_TYPE, c.classType());
            ref(COURSE, c.course());
            ref(SCHOOL, c.school());
            refs(TERMS, c.terms());
            put('}');
        }
        tail(r);
    }

    /** The opening brace and the three properties every record starts with. */
    private void head(OneRosterRecord r) {
        put('{');
        text(SOURCED_ID, r.sourcedId());
        Status status = r.status();
        if (status != null) {
            key(STATUS);
            string(status.wire());
        }
        Instant dlm = r.dateLastModified();
        if (dlm != null) {
            key(DATE_LAST_MODIFIED);
            instant(dlm);
        }
    }

    /** Metadata, which every record ends with, and the closing brace. */
    private void tail(OneRosterRecord r) {
        Map<String, Object> metadata = r.metadata();
        if (metadata != null && !metadata.isEmpty()) {
            key(METADATA);
            value(metadata);
        }
        put('}');
    }

    /**
     * A metadata value as the canonical mapper writes it. What a reader makes of JSON text, booleans, nulls, whole
     * numbers, maps and lists is written here (every Xporter user carries a little metadata); anything else (a
     * fraction, a big number, another Java type) is handed to the mapper itself, whose bytes are the reference.
     */
    private void value(Object v) {
        if (v == null) {
            raw(NULL);
        } else if (v instanceof String s) {
            string(s);
        } else if (v instanceof Boolean b) {
            raw(b ? TRUE : FALSE);
        } else if (v instanceof Integer || v instanceof Long) {
            ascii(v.toString());
        } else if (v instanceof Map<?, ?> m && stringKeys(m)) {
            map(m);
        } else if (v instanceof List<?> list) {
            put('[');
            for (int i = 0, n = list.size(); i < n; i++) {
                if (i > 0) {
                    put(',');
                }
                value(list.get(i));
            }
            put(']');
        } else {
            raw(mapperJson(v));
        }
    }

    /** ORDER_MAP_ENTRIES_BY_KEYS: a sorted map keeps its own order, any other is sorted by key. */
    private void map(Map<?, ?> m) {
        put('{');
        if (m instanceof SortedMap<?, ?>) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                entry((String) e.getKey(), e.getValue());
            }
        } else {
            String[] keys = m.keySet().toArray(new String[0]);
            Arrays.sort(keys);
            for (String k : keys) {
                entry(k, m.get(k));
            }
        }
        put('}');
    }

    private void entry(String key, Object value) {
        if (buf[pos - 1] != '{') {
            put(',');
        }
        string(key);
        put(':');
        value(value);
    }

    private static boolean stringKeys(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private static byte[] mapperJson(Object value) {
        try {
            return CanonicalJson.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("metadata cannot be written as JSON", e);
        }
    }

    /** NON_EMPTY: null and empty text are left out. */
    private void text(byte[] key, String value) {
        if (value != null && !value.isEmpty()) {
            key(key);
            string(value);
        }
    }

    /** NON_EMPTY keeps false: only null is left out. */
    private void bool(byte[] key, Boolean value) {
        if (value != null) {
            key(key);
            raw(value ? TRUE : FALSE);
        }
    }

    private void date(byte[] key, LocalDate value) {
        if (value != null) {
            key(key);
            date(value);
        }
    }

    private void ref(byte[] key, GuidRef value) {
        if (value != null) {
            key(key);
            ref(value);
        }
    }

    /** A GUIDRef is NON_NULL, not NON_EMPTY: an empty type is written, an absent one is not. */
    private void ref(GuidRef r) {
        put('{');
        key(SOURCED_ID);
        string(r.sourcedId());
        if (r.type() != null) {
            key(TYPE);
            string(r.type());
        }
        put('}');
    }

    private void refs(byte[] key, List<GuidRef> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        key(key);
        put('[');
        for (int i = 0, n = values.size(); i < n; i++) {
            if (i > 0) {
                put(',');
            }
            GuidRef r = values.get(i);
            if (r == null) {
                raw(NULL);
            } else {
                ref(r);
            }
        }
        put(']');
    }

    private void texts(byte[] key, List<String> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        key(key);
        put('[');
        for (int i = 0, n = values.size(); i < n; i++) {
            if (i > 0) {
                put(',');
            }
            nullableString(values.get(i));
        }
        put(']');
    }

    /** A UserId has no inclusion rule: both properties are always written, null as null. */
    private void userIds(List<UserId> values) {
        if (values == null || values.isEmpty()) {
            return;
        }
        key(USER_IDS);
        put('[');
        for (int i = 0, n = values.size(); i < n; i++) {
            if (i > 0) {
                put(',');
            }
            UserId id = values.get(i);
            if (id == null) {
                raw(NULL);
                continue;
            }
            put('{');
            key(TYPE);
            nullableString(id.type());
            key(IDENTIFIER);
            nullableString(id.identifier());
            put('}');
        }
        put(']');
    }

    private void nullableString(String s) {
        if (s == null) {
            raw(NULL);
        } else {
            string(s);
        }
    }

    /** A property name, after a comma unless it is the first of its object (no value ends in an opening brace). */
    private void key(byte[] key) {
        ensure(key.length + 1);
        if (buf[pos - 1] != '{') {
            buf[pos++] = ',';
        }
        System.arraycopy(key, 0, buf, pos, key.length);
        pos += key.length;
    }

    /**
     * A JSON string as Jackson's UTF8JsonGenerator writes it: the two-character escapes for backspace, tab, newline,
     * form feed, carriage return, quote and backslash; other control characters as upper-case backslash-u escapes;
     * every surrogate (paired or not) as its own backslash-u escape; everything else, DEL included, as raw UTF-8.
     */
    private void string(String s) {
        int n = s.length();
        ensure(n * 6 + 2);
        byte[] b = buf;
        int p = pos;
        b[p++] = '"';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                byte e = ESCAPES[c];
                if (e == 0) {
                    b[p++] = (byte) c;
                } else if (e > 0) {
                    b[p++] = '\\';
                    b[p++] = e;
                } else {
                    p = unicodeEscape(b, p, c);
                }
            } else if (c < 0x800) {
                b[p++] = (byte) (0xc0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isSurrogate(c)) {
                p = unicodeEscape(b, p, c);
            } else {
                b[p++] = (byte) (0xe0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                b[p++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        b[p++] = '"';
        pos = p;
    }

    private static int unicodeEscape(byte[] b, int p, char c) {
        b[p++] = '\\';
        b[p++] = 'u';
        b[p++] = HEX[(c >> 12) & 0xf];
        b[p++] = HEX[(c >> 8) & 0xf];
        b[p++] = HEX[(c >> 4) & 0xf];
        b[p++] = HEX[c & 0xf];
        return p;
    }

    /**
     * {@link java.time.format.DateTimeFormatter#ISO_INSTANT}, as the JavaTimeModule writes it: seconds always, then
     * a fraction of 3, 6 or 9 digits when there is one. Years outside 0000-9999 take the formatter's own path.
     */
    private void instant(Instant t) {
        long seconds = t.getEpochSecond();
        if (seconds < FIRST_FOUR_DIGIT_SECOND || seconds >= FIRST_FIVE_DIGIT_SECOND) {
            string(t.toString());
            return;
        }
        ensure(32);
        put('"');
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        ymd(day);
        put('T');
        two(secondOfDay / 3_600);
        put(':');
        two(secondOfDay / 60 % 60);
        put(':');
        two(secondOfDay % 60);
        int nano = t.getNano();
        if (nano != 0) {
            put('.');
            if (nano % 1_000_000 == 0) {
                digits(nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(nano / 1_000, 6);
            } else {
                digits(nano, 9);
            }
        }
        put('Z');
        put('"');
    }

    /** ISO_LOCAL_DATE; years outside 0000-9999 (signed, or five digits) take the formatter's own path. */
    private void date(LocalDate d) {
        if (d.getYear() < 0 || d.getYear() > 9999) {
            string(d.toString());
            return;
        }
        ensure(12);
        put('"');
        ymd(d);
        put('"');
    }

    private void ymd(LocalDate d) {
        digits(d.getYear(), 4);
        put('-');
        two(d.getMonthValue());
        put('-');
        two(d.getDayOfMonth());
    }

    private void two(int v) {
        buf[pos++] = (byte) ('0' + v / 10);
        buf[pos++] = (byte) ('0' + v % 10);
    }

    /** {@code v} in exactly {@code width} decimal digits, zero-padded; the caller has ensured the room. */
    private void digits(int v, int width) {
        for (int i = pos + width - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        pos += width;
    }

    private void put(char c) {
        ensure(1);
        buf[pos++] = (byte) c;
    }

    /** Text known to be ASCII without anything to escape, such as a number. */
    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[pos++] = (byte) s.charAt(i);
        }
    }

    private void raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }

    private static byte[] key(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }
}

package org.rosterbridge.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static final Instant T = Instant.parse("2025-11-03T06:00:00Z");

    /** Bytes compared as ISO-8859-1 text: one char per byte, so equal text is equal bytes, and a failure reads. */
    static void assertSameAsDatabind(OneRosterRecord record) {
        String expected = new String(DatabindCanonicalJson.write(record), StandardCharsets.ISO_8859_1);
        assertThat(new String(CanonicalJson.write(record), StandardCharsets.ISO_8859_1))
                .as("%s %s", record.entity(), record.sourcedId())
                .isEqualTo(expected);
        assertReadAsDatabind(record.entity(), DatabindCanonicalJson.write(record));
    }

    /** The hand-written reader makes the record databind made of the same bytes, or fails where databind failed. */
    static void assertReadAsDatabind(Entity entity, byte[] json) {
        String text = new String(json, StandardCharsets.UTF_8);
        OneRosterRecord expected;
        try {
            expected = DatabindCanonicalJson.read(entity, json);
        } catch (RuntimeException databindFailed) {
            // Jackson's parser rejects a lone surrogate escaped in a metadata key, however the record is read
            assertThatThrownBy(() -> CanonicalJson.read(entity, json)).as(text)
                    .isInstanceOf(UncheckedIOException.class);
            return;
        }
        assertThat(CanonicalJson.read(entity, json)).as(text).isEqualTo(expected);
    }

    @Test
    void jsonDatabindAcceptedBeyondTheCanonicalFormIsReadAsDatabindReadIt() {
        String[] users = {
            "{}",
            "{'sourcedId':'u1','status':'tobedeleted','extra':{'a':[1,{'b':null}]},'givenName':null,'userIds':null,"
                + "'orgs':null,'metadata':null,'enabledUser':null,'grades':[]}",
            "{'grades':['9'],'familyName':'X','sourcedId':'u1','sourcedId':'u2','status':'INACTIVE'}",
            "{'sourcedId':7,'username':true,'givenName':1.5,'identifier':-3,'dateLastModified':"
                + "'2025-11-03T06:00:00.5Z','metadata':{'z':1,'a':{'y':[true,2.25,12345678901234567890]}}}",
            "{'dateLastModified':'+12025-11-03T06:00:00Z','orgs':[{'sourcedId':'o','href':'h','type':null}],"
                + "'userIds':[{'type':'UPN','identifier':'A1','other':[1]},{}]}",
            "{'dateLastModified':'1970-01-01T00:00:00.000000001Z','unknownList':[[],{}],'unknownNull':null}",
        };
        for (String json : users) {
            assertReadAsDatabind(Entity.USERS, json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
        }
        String[] rows = {
            "{'user':null,'class':null,'school':null,'beginDate':null}",
            "{'user':{},'class':{'terms':[{'sourcedId':'t'}],'x':1},'beginDate':'0000-01-01',"
                + "'endDate':'+10000-12-31','primary':false}",
        };
        for (String json : rows) {
            assertReadAsDatabind(Entity.ROSTERS, json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void unreadableStoredJsonIsReportedAsNotCanonical() {
        for (String json : new String[] {"[]", "{\"status\":\"gone\"}", "{\"parent\":{\"type\":\"org\"}}",
            "{\"dateLastModified\":\"yesterday\"}", "{\"name\":{}}", "{\"children\":\"c\"}", "{"}) {
            assertThatThrownBy(() -> DatabindCanonicalJson.read(Entity.ORGS, json.getBytes(StandardCharsets.UTF_8)))
                    .as(json).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> CanonicalJson.read(Entity.ORGS, json.getBytes(StandardCharsets.UTF_8)))
                    .as(json).isInstanceOf(UncheckedIOException.class).hasMessageContaining("not canonical JSON");
        }
    }

    @Test
    void recordsWithEveryFieldAbsentAreWrittenAsDatabindWroteThem() {
        for (OneRosterRecord r : List.of(
                new Org(null, null, null, null, null, null, null, null, null),
                new AcademicSession(null, null, null, null, null, null, null, null, null, null),
                new Course(null, null, null, null, null, null, null, null, null, null, null),
                new SchoolClass(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null),
                new User(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null),
                new Enrollment(null, null, null, null, null, null, null, null, null, null, null),
                new RosterRow(null, null, null, null, null, null, null, null, null, null, null))) {
            assertSameAsDatabind(r);
            assertThat(CanonicalJson.write(r)).asString().isEqualTo("{}");
        }
    }

    @Test
    void emptyTextIsLeftOutButFalseAndEmptyRefTypesAreKept() {
        User u = new User("u1", Status.ACTIVE, null, "", List.of(new UserId(null, null), new UserId("", "")),
                Boolean.FALSE, "", "", "", "", "", "", "", "", List.of(GuidRef.of("", "")), List.of(), List.of(""),
                Map.of());
        assertSameAsDatabind(u);
        assertThat(CanonicalJson.write(u)).asString().isEqualTo("{\"sourcedId\":\"u1\",\"status\":\"active\","
                + "\"userIds\":[{\"type\":null,\"identifier\":null},{\"type\":\"\",\"identifier\":\"\"}],"
                + "\"enabledUser\":false,\"orgs\":[{\"sourcedId\":\"\",\"type\":\"\"}],\"grades\":[\"\"]}");
        Enrollment e = new Enrollment("", Status.TOBEDELETED, T, GuidRef.of("u", null), GuidRef.of("c", ""),
                null, "", Boolean.FALSE, null, null, null);
        assertSameAsDatabind(e);
    }

    @Test
    void rosterSummariesWithNothingInThemAreEmptyObjects() {
        RosterRow row = new RosterRow("e1", Status.ACTIVE, T, "student", Boolean.TRUE, LocalDate.of(2025, 9, 1),
                LocalDate.of(2026, 7, 22), GuidRef.of("s", "org"),
                new RosterRow.UserSummary(null, null, null, null, null, null, null, null),
                new RosterRow.ClassSummary(null, null, null, null, null, null, null), null);
        assertSameAsDatabind(row);
        assertThat(CanonicalJson.write(row)).asString().contains("\"user\":{},\"class\":{}");
    }

    @Test
    void everyCharacterIsEscapedAsJacksonEscapesIt() {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            all.append((char) c);
        }
        // pairs in both orders, a pair at the very end, and astral characters as real pairs
        all.append("\uD83D\uDE00 \uDE00\uD83D \uD800").append(Character.toChars(0x1F9D1)).append("\uDBFF\uDFFF");
        String s = all.toString();
        assertSameAsDatabind(new User("u\u0000\"\\", Status.ACTIVE, T, s, List.of(new UserId(s, s)), null, s, "é",
                "Zoë", "ß", "😀", "\u2028\u2029", "\u007f", "\t\r\n", List.of(GuidRef.of(s, s)), null,
                List.of(s, "\b\f"), null));
        // and in short runs, so that every character also starts and ends a string
        for (int c = 0; c <= Character.MAX_VALUE; c += 7) {
            String run = s.substring(c, Math.min(c + 7, Character.MAX_VALUE + 1));
            assertSameAsDatabind(new Course(run, null, null, "a" + run + "b", null, null, null, null, null, null,
                    null));
        }
    }

    @Test
    void instantsAndDatesAreIsoTextAsTheTimeModuleWritesThem() {
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.MIN, Instant.MAX,
                Instant.ofEpochSecond(-1), Instant.ofEpochSecond(-1, 1), Instant.ofEpochSecond(0, 999_999_999),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("-0001-12-31T23:59:59.5Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("2025-11-03T06:00:00.120Z"), Instant.parse("2025-11-03T06:00:00.123400Z"),
                Instant.parse("2025-11-03T06:00:00.000000001Z"), Instant.parse("1969-12-31T23:59:59.000001Z")));
        List<LocalDate> dates = new ArrayList<>(List.of(LocalDate.MIN, LocalDate.MAX, LocalDate.EPOCH,
                LocalDate.of(0, 1, 1), LocalDate.of(-1, 12, 31), LocalDate.of(9999, 12, 31),
                LocalDate.of(10000, 1, 1), LocalDate.of(999, 2, 3), LocalDate.of(2024, 2, 29)));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000; i++) {
            long seconds = random.nextLong(-70_000_000_000L, 260_000_000_000L);
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            instants.add(Instant.ofEpochSecond(seconds, nanos));
            dates.add(LocalDate.ofEpochDay(random.nextLong(-800_000, 3_000_000)));
        }
        for (int i = 0; i < instants.size(); i++) {
            LocalDate d = dates.get(i % dates.size());
            assertSameAsDatabind(new AcademicSession("a" + i, Status.ACTIVE, instants.get(i), "Term", "term", d, d,
                    null, "2026", null));
            assertSameAsDatabind(new Enrollment("e" + i, Status.ACTIVE, instants.get(i), null, null, null,
                    "student", null, d, dates.get((i + 1) % dates.size()), null));
        }
    }

    @Test
    void metadataKeepsItsSortedKeysNestedValuesAndNumbersExactly() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("zeta", List.of(1, 2.5, "x", true, Map.of("b", 1, "a", 2)));
        inner.put("alpha", null);
        inner.put("empty", "");
        inner.put("emptyList", List.of());
        inner.put("emptyMap", Map.of());
        Map<String, Object> deeper = new HashMap<>();
        deeper.put("y\u0001", new ArrayList<>(Arrays.asList(null, Long.MAX_VALUE, Long.MIN_VALUE)));
        deeper.put("x\uD83D\uDE00", Map.of("k", -0.0));
        inner.put("deeper", deeper);
        Map<String, Object> metadata = new HashMap<>();
        metadata.put("nested", inner);
        metadata.put("int", 42);
        metadata.put("long", 1L << 40);
        metadata.put("big", new BigInteger("123456789012345678901234567890"));
        metadata.put("decimal", new BigDecimal("1.2300"));
        metadata.put("double", 1e-7);
        metadata.put("float", 3.25f);
        metadata.put("short", (short) -3);
        metadata.put("nan", Double.NaN);
        metadata.put("false", false);
        metadata.put("null", null);
        metadata.put("text", "caf\u00e9 \"quoted\" \\ \n");
        metadata.put("B", "upper before lower");
        metadata.put("", "empty key");
        Map<String, Object> reversed = new TreeMap<>(Comparator.reverseOrder());
        reversed.putAll(Map.of("a", 1, "b", 2, "c", List.of()));
        metadata.put("reversed", reversed);
        Map<Object, Object> numberKeys = new HashMap<>();
        numberKeys.put(10, "sorted as numbers");
        numberKeys.put(2, "before ten");
        metadata.put("numberKeys", numberKeys);
        metadata.put("set", new TreeSet<>(Set.of("b", "a")));
        metadata.put("array", new int[] {3, 1});
        for (OneRosterRecord r : List.of(
                new Org("o1", Status.ACTIVE, T, "School", "school", "123", GuidRef.of("la", "org"),
                        List.of(GuidRef.of("c1", "org")), metadata),
                new AcademicSession("s1", Status.ACTIVE, T, "T", "term", null, null, null, null, metadata),
                new Course("c1", Status.ACTIVE, T, "Maths", GuidRef.of("y", "academicSession"), "MA",
                        List.of("09"), List.of("Maths"), GuidRef.of("o1", "org"), List.of("MA"), metadata),
                new SchoolClass("k1", Status.ACTIVE, T, "9A/Ma", "9AMa", "scheduled", "Room 4, \"Old\"",
                        List.of("09"), List.of("Maths"), GuidRef.of("c1", "course"), GuidRef.of("o1", "org"),
                        List.of(GuidRef.of("t1", "academicSession")), List.of("MA"), List.of("1", "2"), metadata),
                new User("u1", Status.ACTIVE, T, "ada", List.of(new UserId("UPN", "A123")), true, "Ada", "Lovelace",
                        null, "student", "A123", "a@x", "1", "2", List.of(GuidRef.of("o1", "org")),
                        List.of(GuidRef.of("p1", "user")), List.of("Year 9"), metadata),
                new Enrollment("e1", Status.ACTIVE, T, GuidRef.of("u1", "user"), GuidRef.of("k1", "class"),
                        GuidRef.of("o1", "org"), "student", false, null, null, metadata),
                new RosterRow("e1", Status.ACTIVE, T, "student", false, null, null, GuidRef.of("o1", "org"),
                        null, null, metadata),
                new Org("o2", Status.ACTIVE, T, null, null, null, null, null, Map.of("only", Map.of())))) {
            assertSameAsDatabind(r);
        }
    }

    @Test
    void randomRecordsAreWrittenAsDatabindWroteThem() {
        SplittableRandom random = new SplittableRandom(20251103);
        RandomRecords records = new RandomRecords(random);
        for (int i = 0; i < 1_000; i++) {
            for (OneRosterRecord r : records.oneOfEach()) {
                assertSameAsDatabind(r);
            }
        }
    }
}

package org.rosterbridge.sink.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rosterbridge.change.SchoolData.ESTAB;
import static org.rosterbridge.change.SchoolData.ORG;
import static org.rosterbridge.change.SchoolData.T0;
import static org.rosterbridge.change.SchoolData.enrollment;
import static org.rosterbridge.change.SchoolData.user;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.change.ChangeDetector;
import org.rosterbridge.change.SchoolData;
import org.rosterbridge.model.GuidRef;
import org.rosterbridge.model.OneRosterRecord;
import org.rosterbridge.model.SchoolClass;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;
import org.rosterbridge.model.User;
import org.rosterbridge.model.UserId;
import org.rosterbridge.simulator.GeneratedSnapshots;
import org.rosterbridge.simulator.RecordShape;
import org.rosterbridge.simulator.SimulatedSchool;

/**
 * The writer's files and reports are byte for byte what commons-csv's printer and the round-by-round reference
 * closing made ({@link LegacyBundleWriter}), over generated schools and values that need quoting.
 */
class BundleWriterEquivalenceTest {
    private static final Instant RUN = Instant.parse("2026-03-02T06:30:15Z");
    private static final CsvMapping MAPPING = CsvMapping.standard();
    private final ChangeDetector detector = new ChangeDetector();

    @Test
    void bulkAndDeltaBundlesOfGeneratedSchoolsHaveTheSameFilesAndReportsAsBefore() {
        List<SimulatedSchool> schools = new ArrayList<>(SimulatedSchool.numbered(2, "rp", 300, 30, 17));
        schools.add(SimulatedSchool.secondary("3281110", "rp", "secret", "Northfield Academy").withSize(1000, 100));
        schools.add(SimulatedSchool.secondary("3281102", "rp", "secret", "Southgate School")
                .withSize(400, 40).withShape(RecordShape.STANDARD).withLocalAuthority(true).withSeed(5));
        for (SimulatedSchool school : schools) {
            Snapshot one = GeneratedSnapshots.dayOne(school);
            Snapshot two = GeneratedSnapshots.dayTwo(school);
            for (FormulaGuard guard : FormulaGuard.values()) {
                BundleWriter writer = new BundleWriter(MAPPING, guard, "Rosterbridge", "rb");
                LegacyBundleWriter legacy = new LegacyBundleWriter(MAPPING, guard, "Rosterbridge", "rb");
                assertSame(school + " bulk", writer.bulk(school.estab(), RUN, two),
                        legacy.bulk(school.estab(), RUN, two));
                var first = detector.detect(Snapshot.empty(school.estab()), one).changes();
                assertSame(school + " first delta", writer.delta(school.estab(), RUN, first),
                        legacy.delta(school.estab(), RUN, first));
                var next = detector.detect(one, two).changes();
                assertSame(school + " day-two delta", writer.delta(school.estab(), RUN, next),
                        legacy.delta(school.estab(), RUN, next));
            }
        }
    }

    @Test
    void valuesThatNeedQuotingOrEncodingAreWrittenAsCommonsCsvPrintsThem() {
        List<String> tricky = List.of("a,b", "say \"hi\"", "\"", "\"\"", "line\rbreak", "line\nbreak", "cr\r\nlf",
                " leading", "trailing ", "\ttab", "tab\t", "#hash", "!bang", "$dollar", "'quote", "=SUM(A1)",
                "+44 1632", "-minus", "@at", "Zoë Åsa 李", "émigré, \"quoted\"", "emoji \uD83D\uDE00 face",
                "lone \uD800 high", "lone \uDC00 low", "end high \uD83D", "\u00a0nbsp", "x", "'", ",", "a\"b",
                "trailing\u0001", "\u007f", "#", "   ", "O'Connor, \"Jr\"");
        List<OneRosterRecord> records = new ArrayList<>(BundleWriterTest.small());
        for (int i = 0; i < tricky.size(); i++) {
            String v = tricky.get(i);
            User u = user("t" + i, "Given", "Family");
            records.add(new User("t" + i, Status.ACTIVE, T0, v, List.of(new UserId("UPN", v), new UserId(v, "2")),
                    true, v, v, v, "student", v, v, v, v, u.orgs(), List.of(), List.of(v, "Year 9"),
                    Map.of()));
            records.add(new SchoolClass("tc" + i, Status.ACTIVE, T0, v, v, "scheduled", v, List.of(v),
                    List.of(v, v), GuidRef.of("course-ma", "course"), GuidRef.of(ORG, "org"),
                    List.of(GuidRef.of(SchoolData.TERM, "academicSession")), List.of(v), List.of(v), Map.of()));
            records.add(enrollment("te" + i, "t" + i, "tc" + i));
        }
        Snapshot snapshot = SchoolData.snapshot(records);
        for (FormulaGuard guard : FormulaGuard.values()) {
            assertSame("tricky " + guard, new BundleWriter(MAPPING, guard, "Rosterbridge, \"rb\"", " rb ")
                    .bulk(ESTAB, RUN, snapshot), new LegacyBundleWriter(MAPPING, guard, "Rosterbridge, \"rb\"", " rb ")
                    .bulk(ESTAB, RUN, snapshot));
            var created = detector.detect(Snapshot.empty(ESTAB), snapshot).changes();
            assertSame("tricky delta " + guard, new BundleWriter(MAPPING, guard, "R", "r").delta(ESTAB, RUN, created),
                    new LegacyBundleWriter(MAPPING, guard, "R", "r").delta(ESTAB, RUN, created));
        }
    }

    @Test
    void rowsThatFollowTheirReferencesOutGoInTheSameOrderAndForTheSameReasonsAsBefore(@TempDir Path dir)
            throws IOException {
        // agents made required, so that leaving one user out takes others of the same file with it, in later rounds
        CsvMapping mapping = BundleWriterTest.standardWith(dir, "field: \"user.agents[].sourcedId\", references",
                "field: \"user.agents[].sourcedId\", required: true, references");
        List<OneRosterRecord> records = new ArrayList<>(BundleWriterTest.small());
        records.removeIf(r -> r instanceof User);
        // a0 <- a1 <- a2 <- a3 (each names the next as its agent) with a3's agent missing; b resolves to itself;
        // c names a gone user and a present one, so it stays with a dropped reference
        String[][] agents = {{"a0", "a1"}, {"a1", "a2"}, {"a3", "nobody"}, {"a2", "a3"}, {"b", "b"}, {"c", "a0,b"},
                {"u0", "a2"}, {"u1", "b"}, {"u2", "c"}, {"u3", "a3"}, {"u4", "u4"}};
        for (String[] a : agents) {
            User u = user(a[0], "Given", "Family");
            List<GuidRef> refs = new ArrayList<>();
            for (String id : a[1].split(",")) {
                refs.add(GuidRef.of(id, "user"));
            }
            records.add(new User(a[0], Status.ACTIVE, T0, u.username(), u.userIds(), true, "Given", "Family", null,
                    "student", null, null, null, null, u.orgs(), refs, List.of(), Map.of()));
        }
        for (String[] a : agents) {
            records.add(enrollment("e-" + a[0], a[0], "c1"));
        }
        Snapshot snapshot = SchoolData.snapshot(records);

        CsvBundle bundle = new BundleWriter(mapping, FormulaGuard.PREFIX, "R", "r").bulk(ESTAB, RUN, snapshot);

        assertSame("cascade", bundle, new LegacyBundleWriter(mapping, FormulaGuard.PREFIX, "R", "r")
                .bulk(ESTAB, RUN, snapshot));
        assertThat(bundle.report().excludedIds().get("users")).containsExactlyInAnyOrder("a0", "a1", "a2", "a3",
                "u0", "u3");
        assertThat(new BundleValidator(mapping).validate(bundle.zip())).isEmpty();
    }

    private static void assertSame(String what, CsvBundle actual, CsvBundle expected) {
        Map<String, byte[]> got = entries(actual.zip());
        Map<String, byte[]> want = entries(expected.zip());
        assertThat(got.keySet()).as(what).containsExactlyElementsOf(want.keySet());
        want.forEach((name, bytes) -> assertThat(got.get(name)).as(what + " " + name).isEqualTo(bytes));
        assertThat(actual.report()).as(what + " report").isEqualTo(expected.report());
        assertThat(actual.report().summary(1000)).as(what + " summary").isEqualTo(expected.report().summary(1000));
    }

    private static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName() + " " + e.getTime(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}

package org.rosterbridge.sink.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rosterbridge.change.SchoolData.ESTAB;
import static org.rosterbridge.change.SchoolData.ORG;
import static org.rosterbridge.change.SchoolData.T0;
import static org.rosterbridge.change.SchoolData.enrollment;
import static org.rosterbridge.change.SchoolData.org;
import static org.rosterbridge.change.SchoolData.renamed;
import static org.rosterbridge.change.SchoolData.schoolClass;
import static org.rosterbridge.change.SchoolData.term;
import static org.rosterbridge.change.SchoolData.user;
import static org.rosterbridge.change.SchoolData.withPhone;
import static org.rosterbridge.change.SchoolData.withStatus;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.change.ChangeDetector;
import org.rosterbridge.change.ChangeSet;
import org.rosterbridge.change.SchoolData;
import org.rosterbridge.model.AcademicSession;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.GuidRef;
import org.rosterbridge.model.OneRosterRecord;
import org.rosterbridge.model.Org;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.SchoolClass;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;
import org.rosterbridge.model.User;
import org.rosterbridge.model.UserId;
import org.rosterbridge.sink.csv.BundleReport.Adjustment;

class BundleWriterTest {
    static final Instant RUN = Instant.parse("2026-03-02T06:30:15.250Z");
    private static final CsvMapping MAPPING = CsvMapping.standard();
    private final BundleWriter writer = new BundleWriter(MAPPING, FormulaGuard.PREFIX, "Rosterbridge", "rb");
    private final BundleValidator validator = new BundleValidator(MAPPING);

    static List<OneRosterRecord> small() {
        List<OneRosterRecord> records = new ArrayList<>(List.of(org(), term(), yearSession(),
                SchoolData.course("course-ma", "Maths"), schoolClass("c1", "9Ma1")));
        for (int i = 0; i < 5; i++) {
            records.add(user("u" + i, "Pupil", "Number" + i));
            records.add(enrollment("e" + i, "u" + i, "c1"));
        }
        return records;
    }

    static AcademicSession yearSession() {
        return new AcademicSession("year-2026", Status.ACTIVE, T0, "2025/26", "schoolYear", LocalDate.of(2025, 9, 1),
                LocalDate.of(2026, 7, 31), null, "2026", Map.of());
    }

    @Test
    void aBulkBundleHoldsEveryActiveRecordOfTheSnapshotValueForValue() {
        List<OneRosterRecord> records = SchoolData.secondarySchool(7);
        records.add(withStatus(user("gone", "Left", "School"), Status.TOBEDELETED));
        Snapshot snapshot = SchoolData.snapshot(records);

        CsvBundle bundle = writer.bulk(ESTAB, RUN, snapshot);

        assertThat(validator.validate(bundle.zip())).isEmpty();
        assertThat(bundle.report().excluded()).isEmpty();
        for (Entity e : Entity.SOURCE) {
            Map<String, Map<String, String>> rows = Bundles.rows(bundle.zip(), e.collection() + ".csv");
            List<String> active = snapshot.records(e).values().stream().filter(RecordVersion::active)
                    .map(RecordVersion::sourcedId).toList();
            assertThat(rows.keySet()).as(e.collection()).containsExactlyElementsOf(active);
            assertThat(rows.values()).allSatisfy(r -> {
                assertThat(r.get("status")).isEmpty();
                assertThat(r.get("dateLastModified")).isEmpty();
            });
        }
        Map<String, Map<String, String>> users = Bundles.rows(bundle.zip(), "users.csv");
        assertThat(users).doesNotContainKey("gone");
        for (RecordVersion v : snapshot.records(Entity.USERS).values()) {
            if (!v.active()) {
                continue;
            }
            User u = v.as(User.class);
            Map<String, String> row = users.get(u.sourcedId());
            assertThat(row.get("username")).isEqualTo(u.username());
            assertThat(row.get("givenName")).isEqualTo(u.givenName());
            assertThat(row.get("familyName")).isEqualTo(u.familyName());
            assertThat(row.get("middleName")).isEqualTo(u.middleName() == null ? "" : u.middleName());
            assertThat(row.get("role")).isEqualTo(u.role());
            assertThat(row.get("enabledUser")).isEqualTo("true");
            assertThat(row.get("orgSourcedIds")).isEqualTo(ORG);
            assertThat(row.get("email")).isEqualTo(u.email());
            assertThat(row.get("phone")).isEqualTo(u.phone());
            assertThat(row.get("identifier")).isEqualTo(u.identifier());
            assertThat(row.get("userIds")).isEqualTo(u.userIds().stream()
                    .map(id -> "{" + id.type() + ":" + id.identifier() + "}").collect(Collectors.joining(",")));
            assertThat(row.get("grades")).isEqualTo(String.join(",", u.grades()));
            assertThat(row.get("password")).isEmpty();
        }
        Map<String, String> cls = Bundles.rows(bundle.zip(), "classes.csv").get("cls-7Ma1");
        SchoolClass c = snapshot.get(Entity.CLASSES, "cls-7Ma1").as(SchoolClass.class);
        assertThat(cls).containsEntry("title", c.title()).containsEntry("courseSourcedId", "crs-7-mat")
                .containsEntry("classType", "scheduled").containsEntry("schoolSourcedId", ORG)
                .containsEntry("termSourcedIds", SchoolData.TERM).containsEntry("location", c.location())
                .containsEntry("periods", String.join(",", c.periods()));
        Map<String, String> enr = Bundles.rows(bundle.zip(), "enrollments.csv").get("enr-0");
        assertThat(enr).containsEntry("role", "student").containsEntry("primary", "false")
                .containsEntry("beginDate", "2025-09-03").containsEntry("endDate", "");
        Map<String, String> session = Bundles.rows(bundle.zip(), "academicSessions.csv").get(SchoolData.TERM);
        assertThat(session).containsEntry("startDate", "2025-09-03").containsEntry("endDate", "2025-12-19")
                .containsEntry("parentSourcedId", "year-2026").containsEntry("schoolYear", "2026");
    }

    @Test
    void theZipHasTheSixFilesAndTheManifestAtItsRootInUtf8WithCrlfAndNoByteOrderMark() {
        CsvBundle bundle = writer.bulk(ESTAB, RUN, SchoolData.snapshot(small()));

        Map<String, String> files = Bundles.unzip(bundle.zip());
        assertThat(files.keySet()).containsExactly("manifest.csv", "orgs.csv", "academicSessions.csv",
                "courses.csv", "classes.csv", "users.csv", "enrollments.csv");
        assertThat(files.values()).allSatisfy(text -> {
            assertThat(text).doesNotStartWith("\uFEFF").endsWith("\r\n");
            assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        });
        assertThat(Bundles.lines(files.get("users.csv")).get(0)).isEqualTo("sourcedId,status,dateLastModified,"
                + "enabledUser,orgSourcedIds,role,username,userIds,givenName,familyName,middleName,identifier,email,"
                + "sms,phone,agentSourcedIds,grades,password");
        assertThat(files.get("manifest.csv")).isEqualTo(String.join("\r\n", "propertyName,value",
                "manifest.version,1.0", "oneroster.version,1.1", "file.academicSessions,bulk",
                "file.categories,absent", "file.classes,bulk", "file.classResources,absent", "file.courses,bulk",
                "file.courseResources,absent", "file.demographics,absent", "file.enrollments,bulk",
                "file.lineItems,absent", "file.orgs,bulk", "file.resources,absent", "file.results,absent",
                "file.users,bulk", "source.systemName,Rosterbridge", "source.systemCode,rb", ""));
        assertThat(bundle.fileName()).isEqualTo("oneroster-3281110-20260302T063015Z-bulk.zip");
        assertThat(bundle.path()).isEqualTo("3281110/oneroster-3281110-20260302T063015Z-bulk.zip");
    }

    @Test
    void aDeltaHoldsExactlyTheChangedRecordsWithStatusAndDateLastModified() {
        List<OneRosterRecord> day1 = small();
        Snapshot before = SchoolData.snapshot(day1);
        List<OneRosterRecord> day2 = new ArrayList<>(day1);
        Instant edited = Instant.parse("2026-03-01T17:04:05.123Z");
        day2.replaceAll(r -> r.sourcedId().equals("u1") ? renamedAt((User) r, "Renamed", edited) : r);
        day2.replaceAll(r -> r.sourcedId().equals("e2") ? withStatus((org.rosterbridge.model.Enrollment) r,
                Status.TOBEDELETED) : r);
        day2.removeIf(r -> r.sourcedId().equals("u4") || r.sourcedId().equals("e4"));
        day2.add(user("u9", "New", "Arrival"));
        Snapshot after = SchoolData.snapshot(day2);
        ChangeSet changes = new ChangeDetector().detect(before, after).changes();

        CsvBundle delta = writer.delta(ESTAB, RUN, changes);

        assertThat(validator.validate(delta.zip())).isEmpty();
        assertThat(delta.fileName()).endsWith("-delta.zip");
        assertThat(Bundles.manifest(delta.zip())).containsEntry("file.users", "delta")
                .containsEntry("file.orgs", "delta").containsEntry("file.categories", "absent");
        Map<String, Map<String, String>> users = Bundles.rows(delta.zip(), "users.csv");
        assertThat(users.keySet()).containsExactlyInAnyOrder("u1", "u4", "u9");
        assertThat(users.get("u1")).containsEntry("status", "active").containsEntry("familyName", "Renamed")
                .containsEntry("dateLastModified", "2026-03-01T17:04:05.123Z");
        assertThat(users.get("u9")).containsEntry("status", "active")
                .containsEntry("dateLastModified", "2026-01-05T08:00:00.000Z");
        // a hard delete: the last version it had, removed as of the run that found it gone
        assertThat(users.get("u4")).containsEntry("status", "tobedeleted").containsEntry("familyName", "Number4")
                .containsEntry("dateLastModified", "2026-03-02T06:30:15.250Z");
        Map<String, Map<String, String>> enrollments = Bundles.rows(delta.zip(), "enrollments.csv");
        assertThat(enrollments.keySet()).containsExactlyInAnyOrder("e2", "e4");
        assertThat(enrollments.get("e2")).containsEntry("status", "tobedeleted").containsEntry("userSourcedId", "u2");
        assertThat(enrollments.get("e4")).containsEntry("status", "tobedeleted");
        assertThat(Bundles.rows(delta.zip(), "classes.csv")).isEmpty();
        assertThat(Bundles.rows(delta.zip(), "orgs.csv")).isEmpty();
    }

    private static User renamedAt(User u, String family, Instant at) {
        User r = renamed(u, family);
        return new User(r.sourcedId(), r.status(), at, r.username(), r.userIds(), r.enabledUser(), r.givenName(),
                r.familyName(), r.middleName(), r.role(), r.identifier(), r.email(), r.sms(), r.phone(), r.orgs(),
                r.agents(), r.grades(), r.metadata());
    }

    @Test
    void aRecordWithoutARequiredValueIsLeftOutAndItsDependentsFollowIt() {
        List<OneRosterRecord> records = small();
        User u = user("u0", "Pupil", "Number0");
        records.replaceAll(r -> r.sourcedId().equals("u0") ? new User("u0", Status.ACTIVE, T0, null, u.userIds(),
                true, u.givenName(), u.familyName(), null, "student", null, null, null, null, u.orgs(), List.of(),
                List.of(), Map.of()) : r);
        SchoolClass orphanClass = new SchoolClass("c2", Status.ACTIVE, T0, "9Fr1", "9FR1", "scheduled", null,
                List.of(), List.of(), GuidRef.of("course-missing", "course"), GuidRef.of(ORG, "org"),
                List.of(GuidRef.of(SchoolData.TERM, "academicSession")), List.of(), List.of(), Map.of());
        records.add(orphanClass);
        records.add(enrollment("e-c2", "u1", "c2"));

        CsvBundle bundle = writer.bulk(ESTAB, RUN, SchoolData.snapshot(records));

        assertThat(validator.validate(bundle.zip())).isEmpty();
        assertThat(Bundles.rows(bundle.zip(), "users.csv")).doesNotContainKey("u0").containsKey("u1");
        assertThat(Bundles.rows(bundle.zip(), "classes.csv")).doesNotContainKey("c2").containsKey("c1");
        assertThat(Bundles.rows(bundle.zip(), "enrollments.csv")).doesNotContainKeys("e0", "e-c2")
                .containsKey("e1");
        assertThat(bundle.report().excludedIds()).containsEntry("users", List.of("u0"))
                .containsEntry("classes", List.of("c2"));
        assertThat(bundle.report().excludedIds().get("enrollments")).containsExactlyInAnyOrder("e0", "e-c2");
        assertThat(bundle.report().summary(10)).contains("u0: no username")
                .contains("c2: course course-missing is not in the bundle")
                .contains("e0: user u0 is not in the bundle")
                .doesNotContain("Pupil").doesNotContain("Number0");
    }

    @Test
    void documentedDefaultsFillWhatXporterLeftOutAndAreCounted() {
        Org org = new Org(ORG, Status.ACTIVE, T0, "Northfield Academy", null, ESTAB, null, List.of(), Map.of());
        User u = user("u0", "Pupil", "Number0");
        User noFlag = new User("u0", Status.ACTIVE, T0, u.username(), u.userIds(), null, u.givenName(),
                u.familyName(), null, "Student", null, null, null, null, u.orgs(),
                List.of(GuidRef.of("guardian-not-exported", "user")), List.of(), Map.of());
        SchoolClass c = schoolClass("c1", "9Ma1");
        SchoolClass noType = new SchoolClass("c1", Status.ACTIVE, T0, c.title(), c.classCode(), null, null,
                List.of(), List.of(), c.course(), c.school(), List.of(GuidRef.of(SchoolData.TERM, "academicSession"),
                GuidRef.of("term-unknown", "academicSession")), List.of(), List.of(), Map.of());
        List<OneRosterRecord> records = new ArrayList<>(List.of(org, term(), yearSession(),
                SchoolData.course("course-ma", "Maths"), noType, noFlag, enrollment("e0", "u0", "c1")));

        CsvBundle bundle = writer.bulk(ESTAB, RUN, SchoolData.snapshot(records));

        assertThat(validator.validate(bundle.zip())).isEmpty();
        assertThat(Bundles.rows(bundle.zip(), "orgs.csv").get(ORG)).containsEntry("type", "school");
        assertThat(Bundles.rows(bundle.zip(), "users.csv").get("u0")).containsEntry("enabledUser", "true")
                .containsEntry("role", "student").containsEntry("agentSourcedIds", "");
        assertThat(Bundles.rows(bundle.zip(), "classes.csv").get("c1")).containsEntry("classType", "scheduled")
                .containsEntry("termSourcedIds", SchoolData.TERM);
        assertThat(bundle.report().adjusted()).containsEntry("orgs.type", Map.of(Adjustment.DEFAULTED, 1))
                .containsEntry("users.enabledUser", Map.of(Adjustment.DEFAULTED, 1))
                .containsEntry("classes.classType", Map.of(Adjustment.DEFAULTED, 1))
                .containsEntry("users.agentSourcedIds", Map.of(Adjustment.REFERENCE_DROPPED, 1))
                .containsEntry("classes.termSourcedIds", Map.of(Adjustment.REFERENCE_DROPPED, 1));
    }

    @Test
    void aValueOutsideItsEnumerationLeavesTheRecordOut() {
        List<OneRosterRecord> records = small();
        User u = user("u0", "Pupil", "Number0");
        records.replaceAll(r -> r.sourcedId().equals("u0") ? new User("u0", Status.ACTIVE, T0, u.username(),
                u.userIds(), true, u.givenName(), u.familyName(), null, "pupil", null, null, null, null, u.orgs(),
                List.of(), List.of(), Map.of()) : r);

        CsvBundle bundle = writer.bulk(ESTAB, RUN, SchoolData.snapshot(records));

        assertThat(Bundles.rows(bundle.zip(), "users.csv")).doesNotContainKey("u0");
        assertThat(bundle.report().summary(5)).contains("u0: role 'pupil' is not one of");
    }

    @Test
    void commasQuotesApostrophesAndNonAsciiRoundTripAndFormulasAreGuardedOnlyInFreeText() {
        List<OneRosterRecord> records = small();
        User u = user("u0", "Pupil", "Number0");
        User tricky = new User("u0", Status.ACTIVE, T0, "=cmd|' /C calc'!A0", List.of(new UserId("UPN", "A1,2")),
                true, "=HYPERLINK(\"http://x\")", "O'Connor, \"Jr\"", "Zoë Åsa 李", "student", "-42", "@me@x.example",
                null, "+44 7700 900123", u.orgs(), List.of(), List.of("Year 9"), Map.of());
        records.replaceAll(r -> r.sourcedId().equals("u0") ? tricky : r);
        records.replaceAll(r -> r.sourcedId().equals("u1") ? withPhone(user("u1", "Line\nBreak", "Two"), "-") : r);
        Snapshot snapshot = SchoolData.snapshot(records);

        CsvBundle guarded = writer.bulk(ESTAB, RUN, snapshot);
        CsvBundle plain = new BundleWriter(MAPPING, FormulaGuard.NONE, "Rosterbridge", "rb").bulk(ESTAB, RUN, snapshot);

        assertThat(validator.validate(guarded.zip())).isEmpty();
        Map<String, String> row = Bundles.rows(guarded.zip(), "users.csv").get("u0");
        assertThat(row).containsEntry("givenName", "'=HYPERLINK(\"http://x\")")
                .containsEntry("familyName", "O'Connor, \"Jr\"").containsEntry("middleName", "Zoë Åsa 李")
                // identifiers, usernames, e-mail and phone numbers are matched on by importers: never altered
                .containsEntry("username", "=cmd|' /C calc'!A0").containsEntry("identifier", "-42")
                .containsEntry("email", "@me@x.example").containsEntry("phone", "+44 7700 900123")
                .containsEntry("userIds", "{UPN:A1,2}");
        assertThat(Bundles.rows(guarded.zip(), "users.csv").get("u1")).containsEntry("givenName", "Line Break")
                .containsEntry("phone", "-");
        assertThat(guarded.report().adjusted()).containsEntry("users.givenName",
                Map.of(Adjustment.FORMULA_GUARDED, 1));
        assertThat(Bundles.rows(plain.zip(), "users.csv").get("u0")).containsEntry("givenName",
                "=HYPERLINK(\"http://x\")");
        assertThat(new String(guarded.zip(), StandardCharsets.ISO_8859_1)).doesNotContain("\uFEFF");
    }

    @Test
    void anIntegrationTeamCanChangeTheMappingWithoutJava(@TempDir Path dir)
            throws Exception {
        // the shipped mapping with users' identifier taken from the MIS admission number kept in metadata
        CsvMapping custom = standardWith(dir, "field: user.identifier}", "field: user.metadata.ukAdmissionNumber}");
        Snapshot snapshot = SchoolData.snapshot(SchoolData.secondarySchool(5));

        CsvBundle bundle = new BundleWriter(custom, FormulaGuard.PREFIX, "Rosterbridge", "rb").bulk(ESTAB, RUN,
                snapshot);

        User first = snapshot.records(Entity.USERS).values().iterator().next().as(User.class);
        assertThat(Bundles.rows(bundle.zip(), "users.csv").get(first.sourcedId()))
                .containsEntry("identifier", (String) first.metadata().get("ukAdmissionNumber"));
        assertThat(new BundleValidator(custom).validate(bundle.zip())).isEmpty();
    }

    /** The shipped mapping with one piece of its text replaced, as an integration team would edit it. */
    static CsvMapping standardWith(Path dir, String text, String replacement) throws IOException {
        String yaml = new String(BundleWriterTest.class.getClassLoader().getResourceAsStream(
                "mappings/oneroster-csv-1.1.yaml").readAllBytes(), StandardCharsets.UTF_8).replace(text, replacement);
        return CsvMapping.load(Files.writeString(dir.resolve("mapping.yaml"), yaml).toString());
    }

    @Test
    void aSecondarySchoolIsWrittenAndValidatedWellUnderASecond() {
        Snapshot snapshot = SchoolData.snapshot(SchoolData.secondarySchool(11));
        writer.bulk(ESTAB, RUN, snapshot);
        // CPU time of this thread, so that other builds on the machine do not decide the result
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        CsvBundle bundle = writer.bulk(ESTAB, RUN, snapshot);
        long written = threads.getCurrentThreadCpuTime();
        List<BundleValidator.Problem> problems = validator.validate(bundle.zip());
        long validated = threads.getCurrentThreadCpuTime();

        assertThat(problems).isEmpty();
        assertThat(snapshot.sourceSize()).isGreaterThan(14_000);
        System.out.printf("secondary school bulk bundle: %d records, %d bytes, written in %d ms, validated in %d ms "
                + "(CPU)%n", snapshot.sourceSize(), bundle.zip().length, (written - start) / 1_000_000,
                (validated - written) / 1_000_000);
        assertThat((written - start) / 1_000_000).isLessThan(1_000);
        assertThat((validated - written) / 1_000_000).isLessThan(1_000);
    }
}

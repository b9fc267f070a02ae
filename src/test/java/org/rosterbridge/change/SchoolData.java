package org.rosterbridge.change;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.rosterbridge.model.AcademicSession;
import org.rosterbridge.model.Course;
import org.rosterbridge.model.Enrollment;
import org.rosterbridge.model.GuidRef;
import org.rosterbridge.model.OneRosterRecord;
import org.rosterbridge.model.Org;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.SchoolClass;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;
import org.rosterbridge.model.User;
import org.rosterbridge.model.UserId;

/** Typed OneRoster records and snapshots of them, small ones for rules and a generated secondary school for size. */
public final class SchoolData {
    public static final String ESTAB = "3281110";
    public static final String ORG = "org-" + ESTAB;
    public static final String TERM = "term-1";
    public static final Instant T0 = Instant.parse("2026-01-05T08:00:00Z");

    private SchoolData() {
    }

    public static Org org() {
        return new Org(ORG, Status.ACTIVE, T0, "Northfield Academy", "school", ESTAB, null, List.of(), Map.of());
    }

    public static AcademicSession term() {
        return new AcademicSession(TERM, Status.ACTIVE, T0, "Autumn 2025", "term", LocalDate.of(2025, 9, 3),
                LocalDate.of(2025, 12, 19), GuidRef.of("year-2026", "academicSession"), "2026", Map.of());
    }

    public static Course course(String id, String title) {
        return new Course(id, Status.ACTIVE, T0, title, GuidRef.of("year-2026", "academicSession"), id,
                List.of("Year 9"), List.of(title), GuidRef.of(ORG, "org"), List.of(), Map.of());
    }

    public static SchoolClass schoolClass(String id, String title) {
        return schoolClass(id, title, Status.ACTIVE, T0);
    }

    public static SchoolClass schoolClass(String id, String title, Status status, Instant modified) {
        return new SchoolClass(id, status, modified, title, id.toUpperCase(java.util.Locale.ROOT), "scheduled", "Room 4",
                List.of("Year 9"), List.of("Mathematics"), GuidRef.of("course-ma", "course"), GuidRef.of(ORG, "org"),
                List.of(GuidRef.of(TERM, "academicSession")), List.of(), List.of("1"), Map.of());
    }

    public static User user(String id, String given, String family) {
        return user(id, given, family, "01632 960000", Status.ACTIVE, T0);
    }

    public static User user(String id, String given, String family, String phone, Status status, Instant modified) {
        return new User(id, status, modified, given.toLowerCase(java.util.Locale.ROOT) + "." + id, List.of(
                new UserId("UPN", "A" + id.hashCode())), true, given, family, null, "student", "ADM" + id,
                id + "@northfield.example", null, phone, List.of(GuidRef.of(ORG, "org")), List.of(), List.of("Year 9"),
                Map.of());
    }

    public static Enrollment enrollment(String id, String userId, String classId) {
        return enrollment(id, userId, classId, Status.ACTIVE);
    }

    public static Enrollment enrollment(String id, String userId, String classId, Status status) {
        return new Enrollment(id, status, T0, userId == null ? null : GuidRef.of(userId, "user"),
                GuidRef.of(classId, "class"), GuidRef.of(ORG, "org"), "student", false, LocalDate.of(2025, 9, 3),
                null, Map.of());
    }

    public static User renamed(User u, String familyName) {
        return new User(u.sourcedId(), u.status(), u.dateLastModified(), u.username(), u.userIds(), u.enabledUser(),
                u.givenName(), familyName, u.middleName(), u.role(), u.identifier(), u.email(), u.sms(), u.phone(),
                u.orgs(), u.agents(), u.grades(), u.metadata());
    }

    public static User withPhone(User u, String phone) {
        return new User(u.sourcedId(), u.status(), u.dateLastModified(), u.username(), u.userIds(), u.enabledUser(),
                u.givenName(), u.familyName(), u.middleName(), u.role(), u.identifier(), u.email(), u.sms(), phone,
                u.orgs(), u.agents(), u.grades(), u.metadata());
    }

    public static User withStatus(User u, Status status) {
        return new User(u.sourcedId(), status, u.dateLastModified(), u.username(), u.userIds(), u.enabledUser(),
                u.givenName(), u.familyName(), u.middleName(), u.role(), u.identifier(), u.email(), u.sms(), u.phone(),
                u.orgs(), u.agents(), u.grades(), u.metadata());
    }

    public static SchoolClass retitled(SchoolClass c, String title) {
        return new SchoolClass(c.sourcedId(), c.status(), c.dateLastModified(), title, c.classCode(), c.classType(),
                c.location(), c.grades(), c.subjects(), c.course(), c.school(), c.terms(), c.subjectCodes(),
                c.periods(), c.metadata());
    }

    public static SchoolClass withStatus(SchoolClass c, Status status) {
        return new SchoolClass(c.sourcedId(), status, c.dateLastModified(), c.title(), c.classCode(), c.classType(),
                c.location(), c.grades(), c.subjects(), c.course(), c.school(), c.terms(), c.subjectCodes(),
                c.periods(), c.metadata());
    }

    public static Enrollment withStatus(Enrollment e, Status status) {
        return new Enrollment(e.sourcedId(), status, e.dateLastModified(), e.user(), e.schoolClass(), e.school(),
                e.role(), e.primary(), e.beginDate(), e.endDate(), e.metadata());
    }

    public static Enrollment movedTo(Enrollment e, String classId) {
        return new Enrollment(e.sourcedId(), e.status(), e.dateLastModified(), e.user(), GuidRef.of(classId, "class"),
                e.school(), e.role(), e.primary(), e.beginDate(), e.endDate(), e.metadata());
    }

    public static Snapshot snapshot(OneRosterRecord... records) {
        return snapshot(List.of(records));
    }

    public static Snapshot snapshot(Collection<? extends OneRosterRecord> records) {
        Snapshot.Builder b = Snapshot.builder(ESTAB);
        for (OneRosterRecord r : records) {
            if (!b.add(RecordVersion.of(r))) {
                throw new IllegalArgumentException("twice: " + r.entity() + " " + r.sourcedId());
            }
        }
        return b.build();
    }

    /**
     * A UK secondary school of the design's size: about 1,500 pupils and 150 staff, 600 classes, 12,000 enrollments.
     * The same seed gives the same school.
     */
    public static List<OneRosterRecord> secondarySchool(long seed) {
        Random random = new Random(seed);
        List<OneRosterRecord> records = new ArrayList<>();
        records.add(org());
        records.add(new AcademicSession("year-2026", Status.ACTIVE, T0, "2025/26", "schoolYear",
                LocalDate.of(2025, 9, 1), LocalDate.of(2026, 7, 31), null, "2026", Map.of()));
        records.add(term());
        String[] subjects = {"Mathematics", "English", "Science", "History", "Geography", "French", "Art", "Music",
                "Computing", "Physical Education"};
        List<String> classIds = new ArrayList<>();
        for (int year = 7; year <= 11; year++) {
            for (String subject : subjects) {
                String courseId = "crs-" + year + "-" + subject.substring(0, 3).toLowerCase(java.util.Locale.ROOT);
                records.add(new Course(courseId, Status.ACTIVE, T0, "Year " + year + " " + subject,
                        GuidRef.of("year-2026", "academicSession"), courseId.toUpperCase(java.util.Locale.ROOT),
                        List.of("Year " + year), List.of(subject), GuidRef.of(ORG, "org"), List.of(), Map.of()));
                for (int set = 1; set <= 12; set++) {
                    String classId = "cls-" + year + subject.substring(0, 2) + set;
                    classIds.add(classId);
                    records.add(new SchoolClass(classId, Status.ACTIVE, T0, year + subject.substring(0, 2) + "/" + set,
                            year + subject.substring(0, 2).toUpperCase(java.util.Locale.ROOT) + set, "scheduled",
                            "Room " + (1 + random.nextInt(60)), List.of("Year " + year), List.of(subject),
                            GuidRef.of(courseId, "course"), GuidRef.of(ORG, "org"),
                            List.of(GuidRef.of(TERM, "academicSession")), List.of(), List.of("" + (1 + set % 5)),
                            Map.of()));
                }
            }
        }
        String[] given = {"Olivia", "Amelia", "Isla", "Ava", "Noah", "Oliver", "George", "Arthur", "Muhammad", "Leo",
                "Freya", "Lily", "Ivy", "Harry", "Jack", "Zara", "Priya", "Kofi", "Aleksander", "Siobhan"};
        String[] family = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel",
                "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Khan",
                "O'Connor"};
        int enrollment = 0;
        for (int u = 0; u < 1650; u++) {
            boolean staff = u >= 1500;
            String id = "x" + Long.toString(0x10000000L + u * 7919L, 36).toUpperCase(java.util.Locale.ROOT);
            String g = given[random.nextInt(given.length)];
            String f = family[random.nextInt(family.length)];
            int year = 7 + u % 5;
            records.add(new User(id, Status.ACTIVE, T0.plusSeconds(random.nextInt(86_400)),
                    g.toLowerCase(java.util.Locale.ROOT) + "." + f.toLowerCase(java.util.Locale.ROOT) + u,
                    staff ? List.of() : List.of(new UserId("UPN", "K" + (801_000_000_000L + u * 37L))), true, g, f,
                    random.nextInt(4) == 0 ? given[random.nextInt(given.length)] : null, staff ? "teacher" : "student",
                    (staff ? "STF" : "ADM") + (10_000 + u), g.charAt(0) + f + u + "@northfield.example", null,
                    "07700 9" + (10_000 + random.nextInt(89_999)), List.of(GuidRef.of(ORG, "org")), List.of(),
                    staff ? List.of() : List.of("Year " + year), Map.of("ukAdmissionNumber", "" + (10_000 + u))));
            int count = staff ? 4 : 7 + (u % 2);
            for (int k = 0; k < count; k++) {
                String classId = classIds.get(staff ? (u - 1500) * 4 + k : ((year - 7) * 120 + k * 12
                        + random.nextInt(12)));
                records.add(new Enrollment("enr-" + (enrollment++), Status.ACTIVE, T0, GuidRef.of(id, "user"),
                        GuidRef.of(classId, "class"), GuidRef.of(ORG, "org"), staff ? "teacher" : "student",
                        staff && k == 0, LocalDate.of(2025, 9, 3), null, Map.of()));
            }
        }
        return records;
    }
}

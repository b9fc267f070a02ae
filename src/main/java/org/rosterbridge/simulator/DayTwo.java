package org.rosterbridge.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.change.ChangeReason;
import org.rosterbridge.model.Entity;

/**
 * The scripted changes a school's data goes through between two syncs, and the exact change events they must give.
 *
 * <p>The script, applied to the generated day-one data: two pupils join Year 7 (with their enrollments); a revision
 * class is created for Year 11 (with a teacher and three pupils); a pupil's family name changes; a tutor group is
 * retitled; a course code changes; a pupil is marked {@code tobedeleted} (so are their enrollments); a pupil
 * leaves without notice (the record and their enrollments disappear); one enrollment is marked
 * {@code tobedeleted}; one enrollment moves to another class; a pupil marked {@code tobedeleted} on day one is
 * active again; the last teaching set disappears with its enrollments; the cancelled set (already
 * {@code tobedeleted}) disappears, which tells a consumer nothing new; and one pupil's {@code dateLastModified}
 * moves while nothing else does, which is not an update. Every record the script edits gets the day-two timestamp.
 */
public final class DayTwo {
    /** The dateLastModified of every record the script touches. */
    public static final Instant DAY_TWO = Instant.parse("2026-01-06T06:00:00Z");

    private static final String[][] NEW_PUPILS = {{"Iolo", "ap Rhys"}, {"Noor", "Al-Hassan"}};

    private final Map<String, ExpectedChange> expected = new LinkedHashMap<>();
    private final SchoolData data;
    private final String schoolId;
    private String touchedOnly;

    private DayTwo(SchoolData data) {
        this.data = data;
        this.schoolId = data.records(Entity.ORGS).values().stream()
                .filter(o -> o.get("type").asText().equals("school")).findFirst().orElseThrow()
                .get("sourcedId").asText();
    }

    /** The day-two changes of a school, without serving it: what a test expects the gateway to emit. */
    public static DayTwo of(SimulatedSchool school) {
        return applyTo(SchoolGenerator.generate(school));
    }

    /** Runs the script on day-one data (the data is changed) and returns what it did. */
    static DayTwo applyTo(SchoolData data) {
        DayTwo script = new DayTwo(data);
        script.run();
        return script;
    }

    /** Every change the script makes visible, one per record, in the order the script made them. */
    public List<ExpectedChange> expected() {
        return List.copyOf(expected.values());
    }

    /** The expected changes of one entity. */
    public List<ExpectedChange> expected(Entity entity) {
        return expected.values().stream().filter(c -> c.entity() == entity).toList();
    }

    /** How many changes per entity and op. */
    public Map<Entity, Map<ChangeOp, Integer>> counts() {
        Map<Entity, Map<ChangeOp, Integer>> out = new EnumMap<>(Entity.class);
        for (ExpectedChange c : expected.values()) {
            out.computeIfAbsent(c.entity(), e -> new EnumMap<>(ChangeOp.class)).merge(c.op(), 1, Integer::sum);
        }
        return out;
    }

    /** The user whose dateLastModified alone moved: deliberately not in {@link #expected()}. */
    public String touchedOnly() {
        return touchedOnly;
    }

    private void run() {
        List<ObjectNode> pupils = active(data.where(Entity.USERS, "role", "student"));
        if (pupils.size() < 14) {
            throw new IllegalStateException("the day-two script needs a school with at least 14 active pupils");
        }
        Optional<ObjectNode> returning = data.where(Entity.USERS, "role", "student").stream()
                .filter(u -> u.get("status").asText().equals("tobedeleted")).findFirst();
        List<ObjectNode> scheduled = active(data.where(Entity.CLASSES, "classType", "scheduled"));
        List<ObjectNode> homerooms = active(data.where(Entity.CLASSES, "classType", "homeroom"));
        ObjectNode droppedSet = scheduled.get(scheduled.size() - 1);

        // a set dropped from the timetable: it and its enrollments vanish (hard delete)
        for (ObjectNode e : data.enrollmentsOf("class", id(droppedSet))) {
            hardDelete(Entity.ENROLLMENTS, e);
        }
        hardDelete(Entity.CLASSES, droppedSet);

        // a pupil's family name changes
        ObjectNode renamed = pupils.get(3);
        renamed.put("familyName", renamed.get("familyName").asText() + "-Ashworth");
        modified(Entity.USERS, renamed, ChangeReason.MODIFIED);

        // a pupil is marked for deletion, and so are their enrollments (soft delete)
        ObjectNode leaving = pupils.get(5);
        leaving.put("status", "tobedeleted");
        leaving.put("enabledUser", false);
        modified(Entity.USERS, leaving, ChangeReason.TOBEDELETED);
        for (ObjectNode e : active(data.enrollmentsOf("user", id(leaving)))) {
            e.put("status", "tobedeleted");
            modified(Entity.ENROLLMENTS, e, ChangeReason.TOBEDELETED);
        }

        // a pupil leaves without notice: the record and their enrollments disappear (hard delete)
        ObjectNode gone = pupils.get(7);
        for (ObjectNode e : data.enrollmentsOf("user", id(gone))) {
            hardDelete(Entity.ENROLLMENTS, e);
        }
        hardDelete(Entity.USERS, gone);

        // only the timestamp moves: not an update
        ObjectNode touched = pupils.get(9);
        touched.put("dateLastModified", DAY_TWO.toString());
        touchedOnly = id(touched);

        // an enrollment moves to another class of the same year
        ObjectNode mover = pupils.get(11);
        ObjectNode moved = firstScheduled(mover, scheduled);
        ObjectNode from = data.get(Entity.CLASSES, moved.get("class").get("sourcedId").asText());
        ObjectNode to = otherClass(mover, from, scheduled, droppedSet);
        moved.set("class", SchoolGenerator.ref(id(to), "class"));
        modified(Entity.ENROLLMENTS, moved, ChangeReason.MODIFIED);

        // one enrollment alone is marked for deletion
        ObjectNode dropped = firstScheduled(pupils.get(13), scheduled);
        dropped.put("status", "tobedeleted");
        modified(Entity.ENROLLMENTS, dropped, ChangeReason.TOBEDELETED);

        // a pupil marked for deletion on day one is back
        returning.ifPresent(back -> {
                    back.put("status", "active");
                    back.put("enabledUser", true);
                    modified(Entity.USERS, back, ChangeReason.REACTIVATED);
                });

        // a tutor group is retitled, a course code changes
        ObjectNode tutorGroup = homerooms.get(Math.min(1, homerooms.size() - 1));
        tutorGroup.put("title", tutorGroup.get("title").asText() + " (Mrs Okafor)");
        modified(Entity.CLASSES, tutorGroup, ChangeReason.MODIFIED);
        ObjectNode course = data.records(Entity.COURSES).values().iterator().next();
        course.put("courseCode", course.get("courseCode").asText() + "-26");
        modified(Entity.COURSES, course, ChangeReason.MODIFIED);

        // the cancelled set (tobedeleted since day one) disappears: nothing a consumer has not been told
        data.where(Entity.CLASSES, "status", "tobedeleted").forEach(c -> data.remove(Entity.CLASSES, id(c)));

        SchoolGenerator.Ids ids = new SchoolGenerator.Ids(new SplittableRandom(data.school().seed() ^ 0xDA72L));
        createYearSevens(ids, homerooms, scheduled.stream().filter(c -> c != droppedSet).toList());
        createRevisionClass(ids, pupils);
    }

    private void createYearSevens(SchoolGenerator.Ids ids, List<ObjectNode> homerooms, List<ObjectNode> scheduled) {
        String yearSeven = SchoolGenerator.grade(7);
        List<ObjectNode> classes = new ArrayList<>();
        homerooms.stream().filter(c -> grade(c).equals(yearSeven)).findFirst().ifPresent(classes::add);
        scheduled.stream().filter(c -> grade(c).equals(yearSeven)).limit(3).forEach(classes::add);
        for (int i = 0; i < NEW_PUPILS.length; i++) {
            String given = NEW_PUPILS[i][0];
            String family = NEW_PUPILS[i][1];
            ObjectNode u = head(fresh(ids));
            String username = SchoolGenerator.ascii(given) + "." + SchoolGenerator.ascii(family);
            u.put("username", username);
            u.putArray("userIds").add(SchoolGenerator.userId("UPN",
                    SchoolGenerator.upn(data.school().estab(), 25, 900 + i)));
            u.put("enabledUser", true);
            u.put("givenName", given);
            u.put("familyName", family);
            u.put("role", "student");
            u.put("identifier", String.format("%06d", 90_000 + i));
            u.put("email", username + "@pupils.new.sch.uk");
            u.putArray("orgs").add(SchoolGenerator.ref(schoolId, "org"));
            u.putArray("grades").add(yearSeven);
            created(Entity.USERS, u);
            for (ObjectNode c : classes) {
                created(Entity.ENROLLMENTS, enrollment(fresh(ids), u, c, "student", false));
            }
        }
    }

    private void createRevisionClass(SchoolGenerator.Ids ids, List<ObjectNode> pupils) {
        ObjectNode course = data.records(Entity.COURSES).values().stream()
                .filter(c -> c.get("courseCode").asText().equals("Y11MA")).findFirst()
                .orElse(data.records(Entity.COURSES).values().iterator().next());
        ObjectNode c = head(fresh(ids));
        c.put("title", "Year 11 Mathematics revision, set 1");
        c.put("classCode", "11r/Ma1");
        c.put("classType", "scheduled");
        c.put("location", "Room 9");
        c.putArray("grades").add(SchoolGenerator.grade(11));
        c.putArray("subjects").add("Mathematics");
        c.set("course", SchoolGenerator.ref(id(course), "course"));
        c.set("school", SchoolGenerator.ref(schoolId, "org"));
        ArrayNode terms = c.putArray("terms");
        data.records(Entity.ACADEMIC_SESSIONS).values().stream().filter(s -> s.get("type").asText().equals("term"))
                .forEach(s -> terms.add(SchoolGenerator.ref(id(s), "academicSession")));
        created(Entity.CLASSES, c);
        ObjectNode teacher = data.where(Entity.USERS, "role", "teacher").get(0);
        created(Entity.ENROLLMENTS, enrollment(fresh(ids), teacher, c, "teacher", true));
        List<ObjectNode> yearEleven = pupils.stream().filter(p -> grade(p).equals(SchoolGenerator.grade(11)))
                .filter(p -> data.get(Entity.USERS, id(p)) != null && !expected.containsKey(key(Entity.USERS, p)))
                .toList();
        for (ObjectNode p : yearEleven.subList(Math.max(0, yearEleven.size() - 3), yearEleven.size())) {
            created(Entity.ENROLLMENTS, enrollment(fresh(ids), p, c, "student", false));
        }
    }

    private ObjectNode enrollment(String id, ObjectNode user, ObjectNode schoolClass, String role, boolean primary) {
        ObjectNode e = head(id);
        e.set("user", SchoolGenerator.ref(id(user), "user"));
        e.set("class", SchoolGenerator.ref(id(schoolClass), "class"));
        e.set("school", SchoolGenerator.ref(schoolId, "org"));
        e.put("role", role);
        e.put("primary", primary);
        return e;
    }

    private ObjectNode firstScheduled(ObjectNode pupil, List<ObjectNode> scheduled) {
        Set<String> sets = new HashSet<>();
        scheduled.forEach(c -> sets.add(id(c)));
        return active(data.enrollmentsOf("user", id(pupil))).stream()
                .filter(e -> sets.contains(e.get("class").get("sourcedId").asText()))
                .filter(e -> !expected.containsKey(key(Entity.ENROLLMENTS, e)))
                .findFirst().orElseThrow(() -> new IllegalStateException("pupil " + id(pupil) + " has no set"));
    }

    /** Another active set the pupil is not in: of the same course if there is one, else of the same year. */
    private ObjectNode otherClass(ObjectNode pupil, ObjectNode from, List<ObjectNode> scheduled, ObjectNode exclude) {
        Set<String> mine = new HashSet<>();
        data.enrollmentsOf("user", id(pupil)).forEach(e -> mine.add(e.get("class").get("sourcedId").asText()));
        List<ObjectNode> candidates = scheduled.stream().filter(c -> c != exclude && !mine.contains(id(c)))
                .toList();
        // a small school has one set per subject and year: then a set of another year will do
        return candidates.stream().filter(c -> c.get("course").equals(from.get("course"))).findFirst()
                .or(() -> candidates.stream().filter(c -> grade(c).equals(grade(from))).findFirst())
                .orElseGet(() -> candidates.stream().findFirst().orElseThrow(() ->
                        new IllegalStateException("no other class for an enrollment to move to")));
    }

    private void hardDelete(Entity entity, ObjectNode record) {
        data.remove(entity, id(record));
        if (record.get("status").asText().equals("active")) {
            expect(entity, record, ChangeReason.MISSING);
        }
    }

    private void modified(Entity entity, ObjectNode record, ChangeReason reason) {
        record.put("dateLastModified", DAY_TWO.toString());
        expect(entity, record, reason);
    }

    private void created(Entity entity, ObjectNode record) {
        data.add(entity, record);
        expect(entity, record, ChangeReason.NEW);
    }

    private void expect(Entity entity, ObjectNode record, ChangeReason reason) {
        expected.put(key(entity, record), new ExpectedChange(entity, id(record), reason));
    }

    private String fresh(SchoolGenerator.Ids ids) {
        String id;
        do {
            id = ids.next();
        } while (taken(id));
        return id;
    }

    private boolean taken(String id) {
        for (Entity e : Entity.SOURCE) {
            if (data.get(e, id) != null) {
                return true;
            }
        }
        return false;
    }

    private static ObjectNode head(String id) {
        ObjectNode n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        n.put("sourcedId", id);
        n.put("status", "active");
        n.put("dateLastModified", DAY_TWO.toString());
        return n;
    }

    private static List<ObjectNode> active(List<ObjectNode> records) {
        return records.stream().filter(r -> r.get("status").asText().equals("active")).toList();
    }

    private static String grade(ObjectNode record) {
        return record.path("grades").path(0).asText();
    }

    private static String id(ObjectNode record) {
        return record.get("sourcedId").asText();
    }

    private static String key(Entity entity, ObjectNode record) {
        return entity + "/" + id(record);
    }
}

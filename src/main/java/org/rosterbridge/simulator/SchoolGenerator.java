package org.rosterbridge.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.rosterbridge.model.Entity;

/**
 * Generates a UK school's rostering data from a seed: the school and its local authority, the school year and its
 * three terms, a course per subject and year group, tutor groups and teaching sets, pupils with UPNs, staff, and
 * their enrollments. The same seed and size always give the same records, sourcedIds included.
 *
 * <p>Values that trip up careless consumers are there on purpose: names with non-ASCII letters and apostrophes,
 * text with commas and double quotes, text that starts with {@code =}, {@code +}, {@code -} or {@code @} (which
 * a spreadsheet would take for a formula), {@code tobedeleted} records, and dated enrollments.
 */
public final class SchoolGenerator {
    /** Every generated dateLastModified is before this instant. */
    public static final Instant DAY_ONE = Instant.parse("2025-11-03T06:00:00Z");

    /** The location of the first tutor group: a comma and double quotes. */
    public static final String QUOTED_LOCATION = "Room 4, \"Old Block\"";
    /** The location of the second tutor group: an MIS's placeholder, which starts like a formula. */
    public static final String DASH_LOCATION = "-";
    /** The location of Year 9's first tutor group. */
    public static final String AT_LOCATION = "@Library";
    /** The title of Year 8's first mathematics set. */
    public static final String FORMULA_TITLE = "=Maths Extension, set 1";
    /** Every member of staff has a UK phone number, which starts with {@code +}. */
    public static final String PHONE_PREFIX = "+44 1632 960";

    /** The first pupils' names, so that even a small school has the names that break naive code. */
    static final String[][] FIRST_PUPILS = {
        {"Zoë", "O'Brien"}, {"Siân", "D'Souza"}, {"Seán", "Øyelaran"}, {"José", "Nuñez"}, {"Aoife", "Ó Súilleabháin"},
        {"Łukasz", "Kowalski"}, {"Chloé", "Müller"}, {"Niamh", "O'Connor"},
    };

    private static final String[] GIVEN = {
        "Oliver", "Amelia", "George", "Isla", "Noah", "Ava", "Arthur", "Mia", "Muhammad", "Ivy", "Leo", "Freya",
        "Harry", "Lily", "Oscar", "Florence", "Archie", "Sophia", "Henry", "Grace", "Jack", "Aisha", "Rhys", "Ffion",
        "Dafydd", "Seren", "Priya", "Arjun", "Oluwaseun", "Chidi", "Zofia", "Mateusz", "Eilidh", "Callum", "Zoë",
        "Siân", "Seán", "Renée", "Anaïs", "Ayşe", "Björn", "Maëlle", "Kai", "Yusuf", "Fatima", "Ellie", "Thomas",
        "Ruby", "Jacob", "Evie", "Alfie", "Poppy", "Charlie", "Maya", "Theo", "Willow", "Ibrahim", "Hannah",
    };
    private static final String[] FAMILY = {
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Roberts",
        "Johnson", "Lewis", "Walker", "Robinson", "Wood", "Thompson", "White", "Watson", "Jackson", "Wright",
        "Green", "Harris", "Cooper", "King", "Lee", "Martin", "Clarke", "James", "Morgan", "Hughes", "Edwards",
        "Hill", "Moore", "Clark", "Patel", "Khan", "Ahmed", "Begum", "Hussain", "Singh", "Kaur", "Nowak",
        "Kowalski", "Okafor", "Mensah", "Adebayo", "Chen", "Nguyen", "O'Brien", "D'Souza", "O'Connor", "O'Neill",
        "McDonald", "MacLeod", "Øyelaran", "Nuñez", "Müller", "Ó Súilleabháin", "Smith-Jones", "van der Berg",
        "Fernández", "Łukasiewicz", "Ní Bhriain",
    };
    private static final String[] ROOMS = {
        "Room 12", "S3", "Lab 2, Science Block", "M14", "E7", "Sports Hall", "H2", "Art Studio", "IT1", "Library",
        "Room 21", "Drama Studio", "T5", "Music Room 1", "G4",
    };
    private static final String[] LA_NAMES = {
        "Northshire County Council", "Eastbridge Borough Council", "Westmere City Council",
        "Southvale Metropolitan Borough Council",
    };

    private record Subject(String name, String code) {
    }

    private static final List<Subject> KEY_STAGE_3 = List.of(new Subject("Mathematics", "Ma"),
            new Subject("English", "En"), new Subject("Science", "Sc"), new Subject("History", "Hi"),
            new Subject("Geography", "Gg"), new Subject("French", "Fr"), new Subject("Art and Design", "Ar"),
            new Subject("Computing", "Cp"), new Subject("Physical Education", "PE"));
    private static final List<Subject> GCSE_CORE = List.of(new Subject("Mathematics", "Ma"),
            new Subject("English", "En"), new Subject("Science", "Sc"), new Subject("Physical Education", "PE"));
    private static final List<Subject> GCSE_OPTIONS = List.of(new Subject("History", "Hi"),
            new Subject("Geography", "Gg"), new Subject("French", "Fr"), new Subject("Spanish", "Sp"),
            new Subject("Art and Design", "Ar"), new Subject("Computer Science", "Cs"),
            new Subject("Design, Engineering & Technology", "DT"), new Subject("Music", "Mu"));
    private static final List<Subject> A_LEVELS = List.of(new Subject("Mathematics", "Ma"),
            new Subject("Further Mathematics", "FM"), new Subject("English Literature", "EL"),
            new Subject("Biology", "Bi"), new Subject("Chemistry", "Ch"), new Subject("Physics", "Ph"),
            new Subject("History", "Hi"), new Subject("Geography", "Gg"), new Subject("Psychology", "Ps"),
            new Subject("Economics", "Ec"), new Subject("Sociology", "So"), new Subject("Art and Design", "Ar"));
    private static final Subject REGISTRATION = new Subject("Registration", "Reg");

    private static final int TUTOR_GROUP_SIZE = 28;
    private static final int SET_SIZE = 24;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SimulatedSchool school;
    private final SplittableRandom random;
    private final Ids ids;
    private final SchoolData data;
    private final String domain;
    private final Set<String> usernames = new HashSet<>();
    private final Map<String, ObjectNode> courses = new LinkedHashMap<>();
    private ObjectNode schoolRef;
    private ObjectNode yearRef;
    private final List<ObjectNode> termRefs = new ArrayList<>();
    private int studentEnrollments;

    private SchoolGenerator(SimulatedSchool school) {
        this.school = school;
        this.random = new SplittableRandom(school.seed());
        this.ids = new Ids(new SplittableRandom(school.seed() ^ 0x5DEECE66DL));
        this.data = new SchoolData(school);
        String first = ascii(school.name().split("\\s+")[0]);
        this.domain = (first.isEmpty() ? "school" + school.estab() : first) + ".sch.uk";
    }

    /** The school's day-one records. */
    public static SchoolData generate(SimulatedSchool school) {
        return new SchoolGenerator(school).build();
    }

    private SchoolData build() {
        orgs();
        sessions();
        List<ObjectNode> staff = staff();
        List<ObjectNode> teachers = staff.stream().filter(u -> u.get("role").asText().equals("teacher")).toList();
        Map<Integer, List<ObjectNode>> pupils = pupils();
        classesAndEnrollments(pupils, teachers.isEmpty() ? staff : teachers);
        // pupils first, then staff: the order Xporter's users collection pages in
        List<ObjectNode> users = new ArrayList<>();
        pupils.values().forEach(users::addAll);
        users.addAll(staff);
        users.forEach(u -> data.add(Entity.USERS, u));
        return data;
    }

    private void orgs() {
        String schoolId = ids.next();
        schoolRef = ref(schoolId, "org");
        ObjectNode la = null;
        if (school.localAuthority()) {
            la = record(ids.next());
            la.put("name", LA_NAMES[Integer.parseInt(school.estab().substring(0, 3)) % LA_NAMES.length]);
            la.put("type", "local");
            la.put("identifier", school.estab().substring(0, 3));
            la.putArray("children").add(schoolRef.deepCopy());
        }
        ObjectNode org = record(schoolId);
        org.put("name", school.name());
        org.put("type", "school");
        org.put("identifier", school.estab());
        if (la != null) {
            org.set("parent", ref(la.get("sourcedId").asText(), "org"));
        }
        ObjectNode metadata = org.putObject("metadata");
        metadata.put("laCode", school.estab().substring(0, 3));
        metadata.put("dfeNumber", school.estab().substring(3));
        data.add(Entity.ORGS, org);
        if (la != null) {
            data.add(Entity.ORGS, la);
        }
    }

    private void sessions() {
        ObjectNode year = session(ids.next(), "2025/26", "schoolYear", "2025-09-01", "2026-07-31", null);
        yearRef = ref(year.get("sourcedId").asText(), "academicSession");
        data.add(Entity.ACADEMIC_SESSIONS, year);
        String[][] terms = {{"Autumn 2025", "2025-09-01", "2025-12-19"}, {"Spring 2026", "2026-01-05", "2026-03-27"},
            {"Summer 2026", "2026-04-13", "2026-07-22"}};
        for (String[] t : terms) {
            ObjectNode term = session(ids.next(), t[0], "term", t[1], t[2], yearRef);
            termRefs.add(ref(term.get("sourcedId").asText(), "academicSession"));
            data.add(Entity.ACADEMIC_SESSIONS, term);
        }
    }

    private ObjectNode session(String id, String title, String type, String start, String end, ObjectNode parent) {
        ObjectNode s = record(id);
        s.put("title", title);
        s.put("type", type);
        s.put("startDate", start);
        s.put("endDate", end);
        if (parent != null) {
            s.set("parent", parent.deepCopy());
        }
        s.put("schoolYear", "2026");
        return s;
    }

    private List<ObjectNode> staff() {
        List<ObjectNode> out = new ArrayList<>();
        int admins = school.staff() / 10;
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < school.staff(); i++) {
            String given = pick(GIVEN);
            String family = pick(FAMILY);
            ObjectNode u = record(ids.next());
            String base = username(ascii(given).substring(0, 1) + ascii(family));
            u.put("username", base);
            String code = staffCode(given, family, codes);
            u.putArray("userIds").add(userId("StaffCode", code));
            u.put("enabledUser", true);
            u.put("givenName", given);
            u.put("familyName", family);
            u.put("role", i < school.staff() - admins ? "teacher" : "administrator");
            u.put("identifier", code);
            u.put("email", base + "@" + domain);
            if (i % 5 == 2) {
                u.put("sms", "+44 7700 900" + String.format("%03d", i % 1000));
            }
            u.put("phone", PHONE_PREFIX + String.format("%03d", i % 1000));
            u.putArray("orgs").add(schoolRef.deepCopy());
            extra(u);
            out.add(u);
        }
        return out;
    }

    /** Pupils per year group (7 to 13), sizes from the weights of a secondary with a sixth form. */
    private Map<Integer, List<ObjectNode>> pupils() {
        double[] weight = {1, 1, 1, 1, 1, 0.625, 0.625};
        double total = 0;
        for (double w : weight) {
            total += w;
        }
        int[] count = new int[7];
        int given = 0;
        for (int i = 0; i < 7; i++) {
            count[i] = (int) Math.floor(school.pupils() * weight[i] / total);
            given += count[i];
        }
        for (int i = 0; given < school.pupils(); i = (i + 1) % 7, given++) {
            count[i]++;
        }
        Map<Integer, List<ObjectNode>> out = new LinkedHashMap<>();
        int n = 0;
        for (int y = 0; y < 7; y++) {
            int yearGroup = 7 + y;
            List<ObjectNode> list = new ArrayList<>();
            for (int i = 0; i < count[y]; i++, n++) {
                list.add(pupil(n, yearGroup));
            }
            out.put(yearGroup, list);
        }
        return out;
    }

    private ObjectNode pupil(int n, int yearGroup) {
        String given = n < FIRST_PUPILS.length ? FIRST_PUPILS[n][0] : pick(GIVEN);
        String family = n < FIRST_PUPILS.length ? FIRST_PUPILS[n][1] : pick(FAMILY);
        boolean left = n % 97 == 41;
        ObjectNode u = record(ids.next());
        if (left) {
            u.put("status", "tobedeleted");
        }
        String username = username(ascii(given) + "." + ascii(family));
        u.put("username", username);
        ArrayNode userIds = u.putArray("userIds");
        userIds.add(userId("UPN", upn(school.estab(), (2025 - (yearGroup - 7)) % 100, n % 1000)));
        String admission = String.format("%06d", 10_000 + n);
        if (n % 3 == 0) {
            userIds.add(userId("MIS", "ADM" + admission));
        }
        u.put("enabledUser", !left);
        u.put("givenName", given);
        u.put("familyName", family);
        if (random.nextInt(10) < 3) {
            u.put("middleName", pick(GIVEN));
        }
        u.put("role", "student");
        u.put("identifier", admission);
        u.put("email", username + "@pupils." + domain);
        u.putArray("orgs").add(schoolRef.deepCopy());
        u.putArray("grades").add(grade(yearGroup));
        extra(u);
        return u;
    }

    private void classesAndEnrollments(Map<Integer, List<ObjectNode>> pupils, List<ObjectNode> teachers) {
        int teacher = 0;
        int tutorGroups = 0;
        List<ObjectNode> classes = new ArrayList<>();
        List<ObjectNode> enrollments = new ArrayList<>();
        for (var entry : pupils.entrySet()) {
            int year = entry.getKey();
            List<ObjectNode> roll = entry.getValue();
            if (roll.isEmpty()) {
                continue;
            }
            // tutor groups
            ObjectNode registration = course(year, REGISTRATION);
            int groups = (roll.size() + TUTOR_GROUP_SIZE - 1) / TUTOR_GROUP_SIZE;
            List<List<ObjectNode>> byGroup = split(roll, groups);
            for (int g = 0; g < groups; g++) {
                String letter = String.valueOf("ABCDEFGHJKLMNPRSTW".charAt(g % 18)) + (g >= 18 ? g / 18 : "");
                String location = tutorGroups == 0 ? QUOTED_LOCATION : tutorGroups == 1 ? DASH_LOCATION
                        : year == 9 && g == 0 ? AT_LOCATION : pick(ROOMS);
                ObjectNode c = schoolClass("Tutor group " + year + letter, year + letter, "homeroom", location, year,
                        null, registration);
                tutorGroups++;
                classes.add(c);
                enrollments.add(enrollment(teachers.get(teacher++ % teachers.size()), c, "teacher", true));
                for (ObjectNode p : byGroup.get(g)) {
                    enrollments.add(studentEnrollment(p, c));
                }
            }
            // teaching sets: every pupil takes the core, and (from Year 10) some options
            for (var taking : subjects(year, roll).entrySet()) {
                Subject subject = taking.getKey();
                List<ObjectNode> students = taking.getValue();
                if (students.isEmpty()) {
                    continue;
                }
                ObjectNode course = course(year, subject);
                int sets = (students.size() + SET_SIZE - 1) / SET_SIZE;
                List<List<ObjectNode>> bySet = split(students, sets);
                for (int s = 1; s <= sets; s++) {
                    String code = year + (s % 2 == 1 ? "x" : "y") + "/" + subject.code() + s;
                    String title = year == 8 && subject.code().equals("Ma") && s == 1 ? FORMULA_TITLE
                            : "Year " + year + " " + subject.name() + ", set " + s;
                    ObjectNode c = schoolClass(title, code, "scheduled", pick(ROOMS), year, subject, course);
                    classes.add(c);
                    enrollments.add(enrollment(teachers.get(teacher++ % teachers.size()), c, "teacher", true));
                    if (s % 10 == 3) {
                        enrollments.add(enrollment(teachers.get(teacher++ % teachers.size()), c, "teacher", false));
                    }
                    for (ObjectNode p : bySet.get(s - 1)) {
                        enrollments.add(studentEnrollment(p, c));
                    }
                }
            }
        }
        // a set the timetable dropped: still served, marked for deletion, nobody in it
        ObjectNode lastCourse = data.records(Entity.COURSES).values().stream().reduce((a, b) -> b).orElseThrow();
        ObjectNode cancelled = schoolClass("Year 13 Latin, set 1", "13x/La1", "scheduled", pick(ROOMS), 13, null,
                lastCourse);
        cancelled.put("status", "tobedeleted");
        classes.add(cancelled);
        classes.forEach(c -> data.add(Entity.CLASSES, c));
        enrollments.forEach(e -> data.add(Entity.ENROLLMENTS, e));
    }

    private Map<Subject, List<ObjectNode>> subjects(int year, List<ObjectNode> roll) {
        Map<Subject, List<ObjectNode>> out = new LinkedHashMap<>();
        List<Subject> core = year <= 9 ? KEY_STAGE_3 : year <= 11 ? GCSE_CORE : List.of();
        List<Subject> options = year <= 9 ? List.of() : year <= 11 ? GCSE_OPTIONS : A_LEVELS;
        core.forEach(s -> out.put(s, new ArrayList<>(roll)));
        options.forEach(s -> out.put(s, new ArrayList<>()));
        for (ObjectNode p : roll) {
            List<Subject> choice = new ArrayList<>(options);
            for (int k = 0; k < 3 && !choice.isEmpty(); k++) {
                out.get(choice.remove(random.nextInt(choice.size()))).add(p);
            }
        }
        return out;
    }

    private ObjectNode course(int year, Subject subject) {
        return courses.computeIfAbsent(year + subject.code(), k -> {
            ObjectNode c = record(ids.next());
            c.put("title", "Year " + year + " " + subject.name());
            c.set("schoolYear", yearRef.deepCopy());
            c.put("courseCode", "Y" + year + subject.code().toUpperCase(Locale.ROOT));
            c.putArray("grades").add(grade(year));
            c.putArray("subjects").add(subject.name());
            c.set("org", schoolRef.deepCopy());
            data.add(Entity.COURSES, c);
            return c;
        });
    }

    private ObjectNode schoolClass(String title, String code, String type, String location, int year,
                                   Subject subject, ObjectNode course) {
        ObjectNode c = record(ids.next());
        c.put("title", title);
        c.put("classCode", code);
        c.put("classType", type);
        c.put("location", location);
        c.putArray("grades").add(grade(year));
        c.putArray("subjects").add(subject == null ? course.get("subjects").get(0).asText() : subject.name());
        c.set("course", ref(course.get("sourcedId").asText(), "course"));
        c.set("school", schoolRef.deepCopy());
        ArrayNode terms = c.putArray("terms");
        termRefs.forEach(t -> terms.add(t.deepCopy()));
        if (type.equals("scheduled")) {
            int first = 1 + random.nextInt(5);
            c.putArray("periods").add(String.valueOf(first)).add(String.valueOf(1 + (first + 1 + random.nextInt(3)) % 5));
        }
        return c;
    }

    private ObjectNode studentEnrollment(ObjectNode pupil, ObjectNode schoolClass) {
        ObjectNode e = enrollment(pupil, schoolClass, "student", false);
        int k = studentEnrollments++;
        if (k % 73 == 11) {
            e.put("beginDate", "2025-09-03");
            e.put("endDate", "2026-07-17");
        } else if (k % 50 == 7) {
            e.put("beginDate", "2025-09-15");
        }
        return e;
    }

    private ObjectNode enrollment(ObjectNode user, ObjectNode schoolClass, String role, boolean primary) {
        ObjectNode e = record(ids.next());
        if ("tobedeleted".equals(user.path("status").asText()) || "tobedeleted".equals(schoolClass.path("status").asText())) {
            e.put("status", "tobedeleted");
        }
        e.set("user", ref(user.get("sourcedId").asText(), "user"));
        e.set("class", ref(schoolClass.get("sourcedId").asText(), "class"));
        e.set("school", schoolRef.deepCopy());
        e.put("role", role);
        e.put("primary", primary);
        return e;
    }

    /** A record's common head: sourcedId, status, dateLastModified (some weeks before day one). */
    private ObjectNode record(String id) {
        ObjectNode n = NODES.objectNode();
        n.put("sourcedId", id);
        n.put("status", "active");
        n.put("dateLastModified", DAY_ONE.minusSeconds(3600 + random.nextLong(60L * 86_400)).toString());
        return n;
    }

    /** Xporter sends a field of its own on users; the standard shape carries it in metadata. */
    private void extra(ObjectNode user) {
        user.putObject(RecordShape.EXTRA).put("xporterId", String.format("%08x", random.nextInt() & 0xffffffffL));
    }

    static ObjectNode ref(String id, String type) {
        ObjectNode r = NODES.objectNode();
        r.put("sourcedId", id);
        r.put("type", type);
        return r;
    }

    static ObjectNode userId(String type, String identifier) {
        ObjectNode n = NODES.objectNode();
        n.put("type", type);
        n.put("identifier", identifier);
        return n;
    }

    static String grade(int year) {
        return "Year " + year;
    }

    /** DfE unique pupil number: check letter, the estab's LA and DfE numbers, year of allocation, serial. */
    static String upn(String estab, int yearAllocated, int serial) {
        String digits = estab + String.format("%02d", yearAllocated) + String.format("%03d", serial);
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            sum += (digits.charAt(i) - '0') * (i + 2);
        }
        return "ABCDEFGHJKLMNPQRTUVWXYZ".charAt(sum % 23) + digits;
    }

    private String username(String base) {
        String candidate = base.isEmpty() ? "user" : base;
        for (int i = 2; !usernames.add(candidate); i++) {
            candidate = base + i;
        }
        return candidate;
    }

    private static String staffCode(String given, String family, Set<String> codes) {
        String letters = (ascii(given).toUpperCase(Locale.ROOT) + "X").substring(0, 1)
                + (ascii(family).toUpperCase(Locale.ROOT) + "XX").substring(0, 2);
        String code = letters;
        for (int i = 2; !codes.add(code); i++) {
            code = letters + i;
        }
        return code;
    }

    /** Lower-case ASCII letters only, the way an MIS folds a name into a login. */
    static String ascii(String name) {
        String folded = Normalizer.normalize(name.replace("ø", "o").replace("Ø", "O").replace("ł", "l")
                .replace("Ł", "L").replace("ß", "ss"), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static <T> List<List<T>> split(List<T> all, int parts) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            out.add(all.subList(i * all.size() / parts, (i + 1) * all.size() / parts));
        }
        return out;
    }

    /** Short opaque sourcedIds in Xporter's style ({@code x42Y7TNMV}), unique within a school. */
    static final class Ids {
        private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        private final SplittableRandom random;
        private final Set<String> used = new HashSet<>();

        Ids(SplittableRandom random) {
            this.random = random;
        }

        String next() {
            while (true) {
                StringBuilder b = new StringBuilder("x");
                for (int i = 0; i < 8; i++) {
                    b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                }
                if (used.add(b.toString())) {
                    return b.toString();
                }
            }
        }
    }
}

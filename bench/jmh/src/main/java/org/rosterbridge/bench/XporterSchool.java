package org.rosterbridge.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.rosterbridge.model.Entity;

/**
 * A generated UK secondary school as Xporter serves it: the six collections as JSON records in Xporter's own shape
 * ({@code orgSourcedIds} strings, flags as strings, GUIDRefs with hrefs), cut into pages. 1,500 pupils give the
 * design's school: 150 staff, 600 classes, about 12,000 enrollments. The same seed and size give the same school;
 * {@link #dayTwo} gives the next day's data with a realistic trickle of changes.
 */
public final class XporterSchool {
    private static final String HREF = "https://xporter.groupcall.com/api/ims/oneroster/v1p1/school/";
    private static final String[] SUBJECTS = {"Mathematics", "English", "Science", "History", "Geography", "French",
            "Art", "Music", "Computing", "Physical Education"};
    private static final String[] GIVEN = {"Olivia", "Amelia", "Isla", "Ava", "Noah", "Oliver", "George", "Arthur",
            "Muhammad", "Leo", "Freya", "Lily", "Ivy", "Harry", "Jack", "Zara", "Priya", "Kofi", "Aleksander",
            "Siobhan"};
    private static final String[] FAMILY = {"Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
            "Davies", "Patel", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
            "Hall", "Khan", "O'Connor"};

    private final String estab;
    private final Map<Entity, List<String>> records = new EnumMap<>(Entity.class);

    private XporterSchool(String estab) {
        this.estab = estab;
        for (Entity e : Entity.SOURCE) {
            records.put(e, new ArrayList<>());
        }
    }

    public String estab() {
        return estab;
    }

    /** The school on its first day. */
    public static XporterSchool generate(String estab, int pupils, long seed) {
        return build(estab, pupils, seed, false);
    }

    /**
     * The same school a day later: 1% of pupils with a changed phone, 0.5% moved set, ten leavers (hard delete of
     * the pupil and their enrollments), ten joiners, and every timestamp moved (which alone is not a change).
     */
    public static XporterSchool dayTwo(String estab, int pupils, long seed) {
        return build(estab, pupils, seed, true);
    }

    public int size() {
        return records.values().stream().mapToInt(List::size).sum();
    }

    public int size(Entity entity) {
        return records.get(entity).size();
    }

    /** Every collection's pages. */
    public Map<Entity, List<byte[]>> pages(int limit) {
        Map<Entity, List<byte[]>> out = new EnumMap<>(Entity.class);
        for (Entity e : Entity.SOURCE) {
            out.put(e, pages(e, limit));
        }
        return out;
    }

    /** Pages of one collection, each {@code {"<collection>":[...]}}, the last one shorter than the limit. */
    public List<byte[]> pages(Entity entity, int limit) {
        List<String> all = records.get(entity);
        List<byte[]> out = new ArrayList<>();
        for (int from = 0; ; from += limit) {
            int to = Math.min(all.size(), from + limit);
            StringBuilder b = new StringBuilder(64 + (to - from) * 400);
            b.append("{\"").append(entity.collection()).append("\":[");
            for (int i = from; i < to; i++) {
                b.append(i > from ? "," : "").append(all.get(i));
            }
            out.add(b.append("]}").toString().getBytes(StandardCharsets.UTF_8));
            if (to - from < limit) {
                return out;
            }
        }
    }

    private static XporterSchool build(String estab, int pupils, long seed, boolean dayTwo) {
        XporterSchool s = new XporterSchool(estab);
        Random random = new Random(seed);
        Random changes = new Random(seed * 31 + 7);
        String dlm = dayTwo ? "2026-01-06T06:00:00.000Z" : "2026-01-05T06:00:00.000Z";
        String org = "org-" + estab;
        s.add(Entity.ORGS, "{\"sourcedId\":\"" + org + "\",\"status\":\"active\",\"dateLastModified\":\"" + dlm
                + "\",\"name\":\"School " + estab + "\",\"type\":\"school\",\"identifier\":\"" + estab + "\"}");
        s.add(Entity.ACADEMIC_SESSIONS, "{\"sourcedId\":\"year-2026\",\"status\":\"active\",\"dateLastModified\":\""
                + dlm + "\",\"title\":\"2025/26\",\"type\":\"schoolYear\",\"startDate\":\"2025-09-01\","
                + "\"endDate\":\"2026-07-31\",\"schoolYear\":\"2026\"}");
        s.add(Entity.ACADEMIC_SESSIONS, "{\"sourcedId\":\"term-1\",\"status\":\"active\",\"dateLastModified\":\""
                + dlm + "\",\"title\":\"Autumn 2025\",\"type\":\"term\",\"startDate\":\"2025-09-03\","
                + "\"endDate\":\"2025-12-19\",\"parent\":" + ref("academicSessions", "year-2026", "academicSession")
                + ",\"schoolYear\":\"2026\"}");
        int setsPerSubject = Math.max(1, pupils * 12 / 1500);
        List<List<String>> classesByYear = new ArrayList<>();
        for (int year = 7; year <= 11; year++) {
            List<String> yearClasses = new ArrayList<>();
            classesByYear.add(yearClasses);
            for (String subject : SUBJECTS) {
                String code = subject.substring(0, 3).toLowerCase(Locale.ROOT);
                String course = "crs-" + year + "-" + code;
                s.add(Entity.COURSES, "{\"sourcedId\":\"" + course + "\",\"status\":\"active\",\"dateLastModified\":\""
                        + dlm + "\",\"title\":\"Year " + year + " " + subject + "\",\"schoolYear\":"
                        + ref("academicSessions", "year-2026", "academicSession") + ",\"courseCode\":\""
                        + course.toUpperCase(Locale.ROOT) + "\",\"grades\":[\"Year " + year + "\"],\"subjects\":[\""
                        + subject + "\"],\"org\":" + ref("orgs", org, "org") + "}");
                for (int set = 1; set <= setsPerSubject; set++) {
                    String id = "cls-" + year + code + set;
                    yearClasses.add(id);
                    s.add(Entity.CLASSES, "{\"sourcedId\":\"" + id + "\",\"status\":\"active\",\"dateLastModified\":\""
                            + dlm + "\",\"title\":\"" + year + subject.substring(0, 2) + "/" + set
                            + "\",\"classCode\":\"" + year + code.toUpperCase(Locale.ROOT) + set
                            + "\",\"classType\":\"scheduled\",\"location\":\"Room " + (1 + random.nextInt(60))
                            + "\",\"grades\":[\"Year " + year + "\"],\"subjects\":[\"" + subject + "\"],\"course\":"
                            + ref("courses", course, "course") + ",\"school\":" + ref("orgs", org, "org")
                            + ",\"terms\":[" + ref("academicSessions", "term-1", "academicSession")
                            + "],\"periods\":[\"" + (1 + set % 5) + "\"]}");
                }
            }
        }
        int staff = Math.max(1, pupils / 10);
        int enrollment = 0;
        int joiners = dayTwo ? Math.min(10, pupils / 10) : 0;
        for (int u = 0; u < pupils + staff + joiners; u++) {
            boolean isStaff = u >= pupils && u < pupils + staff;
            boolean leaver = dayTwo && !isStaff && u < pupils && u % (pupils / 10 + 1) == 3 && u / (pupils / 10 + 1) < 10;
            String id = "x" + Long.toString(0x10000000L + u * 7919L, 36).toUpperCase(Locale.ROOT);
            String g = GIVEN[random.nextInt(GIVEN.length)];
            String f = FAMILY[random.nextInt(FAMILY.length)];
            int year = 7 + u % 5;
            String middle = random.nextInt(4) == 0 ? GIVEN[random.nextInt(GIVEN.length)] : null;
            String phone = "07700 9" + (10_000 + random.nextInt(89_999));
            int[] picks = new int[8];
            for (int k = 0; k < picks.length; k++) {
                picks[k] = random.nextInt(setsPerSubject);
            }
            boolean newPhone = dayTwo && !isStaff && changes.nextInt(100) == 0;
            boolean moved = dayTwo && !isStaff && changes.nextInt(200) == 0;
            if (u >= pupils + staff && !dayTwo || leaver) {
                enrollment += isStaff ? 4 : 7 + (u % 2);
                continue;
            }
            if (newPhone) {
                phone = "07700 8" + (10_000 + changes.nextInt(89_999));
            }
            StringBuilder b = new StringBuilder(480);
            b.append("{\"sourcedId\":\"").append(id).append("\",\"status\":\"active\",\"dateLastModified\":\"")
                    .append(dlm).append("\",\"username\":\"").append(g.toLowerCase(Locale.ROOT)).append('.')
                    .append(f.toLowerCase(Locale.ROOT).replace("'", "")).append(u).append("\",\"userIds\":[");
            if (!isStaff) {
                b.append("{\"type\":\"UPN\",\"identifier\":\"K").append(801_000_000_000L + u * 37L).append("\"}");
            }
            b.append("],\"enabledUser\":\"true\",\"givenName\":\"").append(g).append("\",\"familyName\":\"")
                    .append(f).append('"');
            if (middle != null) {
                b.append(",\"middleName\":\"").append(middle).append('"');
            }
            b.append(",\"role\":\"").append(isStaff ? "teacher" : "student").append("\",\"identifier\":\"")
                    .append(isStaff ? "STF" : "ADM").append(10_000 + u).append("\",\"email\":\"").append(g.charAt(0))
                    .append(f.replace("'", "")).append(u).append("@school").append(estab).append(".example\",")
                    .append("\"phone\":\"").append(phone).append("\",\"orgSourcedIds\":[\"").append(org)
                    .append("\"],\"grades\":[").append(isStaff ? "" : "\"Year " + year + "\"")
                    .append("],\"metadata\":{\"ukAdmissionNumber\":\"").append(10_000 + u).append("\"}}");
            s.add(Entity.USERS, b.toString());
            int count = isStaff ? 4 : 7 + (u % 2);
            for (int k = 0; k < count; k++) {
                List<String> pool = classesByYear.get(isStaff ? (u - pupils) % 5 : year - 7);
                int subject = isStaff ? (u - pupils + k) % SUBJECTS.length : k;
                int set = moved && k == 0 ? (picks[k] + 1) % setsPerSubject : picks[k];
                String cls = pool.get(subject * setsPerSubject + set);
                s.add(Entity.ENROLLMENTS, "{\"sourcedId\":\"enr-" + estab + "-" + (enrollment++)
                        + "\",\"status\":\"active\",\"dateLastModified\":\"" + dlm + "\",\"user\":"
                        + ref("users", id, "user") + ",\"class\":" + ref("classes", cls, "class") + ",\"school\":"
                        + ref("orgs", org, "org") + ",\"role\":\"" + (isStaff ? "teacher" : "student")
                        + "\",\"primary\":\"" + (isStaff && k == 0) + "\",\"beginDate\":\"2025-09-03\"}");
            }
        }
        return s;
    }

    private void add(Entity entity, String json) {
        records.get(entity).add(json);
    }

    private static String ref(String collection, String id, String type) {
        return "{\"href\":\"" + HREF + collection + "/" + id + "\",\"sourcedId\":\"" + id + "\",\"type\":\"" + type
                + "\"}";
    }
}

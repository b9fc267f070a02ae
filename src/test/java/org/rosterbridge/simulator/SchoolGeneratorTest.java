package org.rosterbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Enrollment;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.User;

class SchoolGeneratorTest {
    static final SimulatedSchool DEFAULT = SimulatedSchool.secondary("3281110", "demo-rp", "s3cret",
            "Northfield Academy");

    @Test
    void theDefaultSchoolIsTheSizeOfAUkSecondary() {
        SchoolData data = SchoolGenerator.generate(DEFAULT);
        List<ObjectNode> users = new ArrayList<>(data.records(Entity.USERS).values());
        assertThat(users.stream().filter(u -> u.get("role").asText().equals("student"))).hasSize(1500);
        assertThat(users.stream().filter(u -> !u.get("role").asText().equals("student"))).hasSize(150);
        assertThat(users.stream().map(u -> u.get("role").asText()).distinct())
                .containsExactlyInAnyOrder("student", "teacher", "administrator");
        assertThat(data.size(Entity.CLASSES)).isBetween(450, 650);
        assertThat(data.size(Entity.ENROLLMENTS)).isBetween(11_000, 13_500);
        assertThat(data.size(Entity.ORGS)).isEqualTo(2);
        assertThat(data.size(Entity.ACADEMIC_SESSIONS)).isEqualTo(4);
        assertThat(data.size()).isBetween(13_000, 16_000);
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherIds() {
        ServedSchool a = new ServedSchool(DEFAULT.withSize(200, 20));
        ServedSchool b = new ServedSchool(DEFAULT.withSize(200, 20));
        ServedSchool c = new ServedSchool(DEFAULT.withSize(200, 20).withSeed(7));
        for (Entity e : Entity.SOURCE) {
            assertThat(a.records(e)).hasSameSizeAs(b.records(e));
            for (int i = 0; i < a.records(e).size(); i++) {
                assertThat(a.records(e).get(i)).isEqualTo(b.records(e).get(i));
            }
        }
        assertThat(ids(c)).doesNotContainAnyElementsOf(ids(a));
    }

    @Test
    void sourcedIdsAreShortOpaqueAndUnique() {
        Snapshot s = SimulatedRecords.snapshot(new ServedSchool(DEFAULT));
        List<String> ids = new ArrayList<>();
        for (Entity e : Entity.SOURCE) {
            ids.addAll(s.records(e).keySet());
        }
        assertThat(ids).allMatch(id -> id.matches("x[0-9A-Z]{8}")).doesNotHaveDuplicates();
    }

    @Test
    void theValuesThatBreakCarelessConsumersArePresent() {
        Snapshot s = SimulatedRecords.snapshot(new ServedSchool(DEFAULT.withSize(120, 12)));
        List<User> users = s.records(Entity.USERS).values().stream().map(v -> v.as(User.class)).toList();
        String names = users.stream().map(u -> u.givenName() + " " + u.familyName()).collect(Collectors.joining("|"));
        assertThat(names).contains("Zoë O'Brien", "Siân D'Souza", "Seán Øyelaran", "José Nuñez");
        assertThat(users).filteredOn(u -> u.role().equals("student")).allSatisfy(u -> {
            assertThat(u.userIds()).anySatisfy(id -> {
                assertThat(id.type()).isEqualTo("UPN");
                assertThat(id.identifier()).matches("[A-Z]\\d{12}");
            });
            assertThat(u.grades()).singleElement().asString().matches("Year (7|8|9|10|11|12|13)");
        });
        assertThat(users).filteredOn(u -> u.role().equals("teacher"))
                .allSatisfy(u -> assertThat(u.phone()).startsWith("+44 "));
        String classes = s.records(Entity.CLASSES).values().stream().map(v -> new String(v.json(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("\n"));
        assertThat(classes).contains("Room 4, \\\"Old Block\\\"", "\"location\":\"-\"", "\"location\":\"@Library\"",
                "\"title\":\"=Maths Extension, set 1\"", "Design, Engineering & Technology");
        assertThat(s.records(Entity.USERS).values()).anyMatch(v -> !v.active());
        assertThat(s.records(Entity.ENROLLMENTS).values()).anyMatch(v -> !v.active());
        assertThat(s.records(Entity.CLASSES).values()).anyMatch(v -> !v.active());
        List<Enrollment> enrollments = s.records(Entity.ENROLLMENTS).values().stream()
                .map(v -> v.as(Enrollment.class)).toList();
        assertThat(enrollments).anyMatch(e -> e.beginDate() != null && e.endDate() != null);
        assertThat(enrollments).anyMatch(e -> e.beginDate() != null && e.endDate() == null);
    }

    @Test
    void everyEnrollmentPointsAtAUserAndAClassOfTheSameSchool() {
        Snapshot s = SimulatedRecords.snapshot(new ServedSchool(DEFAULT.withSize(120, 12)));
        Map<String, RecordVersion> users = s.records(Entity.USERS);
        Map<String, RecordVersion> classes = s.records(Entity.CLASSES);
        assertThat(s.records(Entity.ENROLLMENTS).values()).allSatisfy(v -> {
            Enrollment e = v.as(Enrollment.class);
            assertThat(users).containsKey(e.user().sourcedId());
            assertThat(classes).containsKey(e.schoolClass().sourcedId());
        });
    }

    @Test
    void bothShapesGiveTheSameCanonicalRecordsAndDifferOnTheWire() {
        ServedSchool xporter = new ServedSchool(DEFAULT.withSize(120, 12).withShape(RecordShape.XPORTER));
        ServedSchool standard = new ServedSchool(DEFAULT.withSize(120, 12).withShape(RecordShape.STANDARD));
        Snapshot a = SimulatedRecords.snapshot(xporter);
        Snapshot b = SimulatedRecords.snapshot(standard);
        for (Entity e : Entity.SOURCE) {
            assertThat(a.records(e).keySet()).containsExactlyElementsOf(b.records(e).keySet());
            a.records(e).forEach((id, v) -> assertThat(new String(v.json(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(b.get(e, id).json(), StandardCharsets.UTF_8)));
        }
        String xporterUser = new String(xporter.records(Entity.USERS).get(0), StandardCharsets.UTF_8);
        String standardUser = new String(standard.records(Entity.USERS).get(0), StandardCharsets.UTF_8);
        assertThat(xporterUser).contains("\"orgSourcedIds\":[\"", "\"enabledUser\":\"true\"", "\"xporterId\":")
                .doesNotContain("\"orgs\"", "\"metadata\"", "\"href\"");
        assertThat(standardUser).contains("\"orgs\":[{\"href\":", "\"enabledUser\":true", "\"metadata\":{")
                .doesNotContain("orgSourcedIds");
    }

    private static List<String> ids(ServedSchool s) {
        return SimulatedRecords.snapshot(s).records(Entity.USERS).keySet().stream().toList();
    }
}

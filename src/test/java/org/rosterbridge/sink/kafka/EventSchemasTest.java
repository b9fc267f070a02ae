package org.rosterbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rosterbridge.change.SchoolData.enrollment;
import static org.rosterbridge.change.SchoolData.org;
import static org.rosterbridge.change.SchoolData.schoolClass;
import static org.rosterbridge.change.SchoolData.snapshot;
import static org.rosterbridge.change.SchoolData.user;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.change.SchoolData;
import org.rosterbridge.config.Settings;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.sync.RunReport;

class EventSchemasTest {
    private final KafkaSinkSettings settings = KafkaSinkSettings.from(Settings.of(Map.of()));

    @Test
    void everyKindOfChangeEventMatchesTheShippedSchema() {
        Snapshot one = snapshot(org(), schoolClass("c-ma", "Maths 9"), user("u-1", "Ada", "Lovelace"),
                user("u-2", "Alan", "Turing"), user("u-3", "Grace", "Hopper"), enrollment("e-1", "u-1", "c-ma"));
        Snapshot two = snapshot(org(), schoolClass("c-ma", "Maths 9"),
                SchoolData.renamed(user("u-1", "Ada", "Lovelace"), "Byron"),
                SchoolData.withStatus(user("u-2", "Alan", "Turing"), Status.TOBEDELETED), enrollment("e-1", "u-1", "c-ma"));
        Snapshot three = snapshot(org(), schoolClass("c-ma", "Maths 9"),
                SchoolData.renamed(user("u-1", "Ada", "Lovelace"), "Byron"), user("u-2", "Alan", "Turing"),
                enrollment("e-1", "u-1", "c-ma"));
        Snapshot afterOne = Deliveries.committedAfter(Snapshot.empty(SchoolData.ESTAB), one);
        Snapshot afterTwo = Deliveries.committedAfter(afterOne, two);
        ChangeEvents events = new ChangeEvents(settings);

        List<EventRecord> records = new java.util.ArrayList<>(events.records(Deliveries.first(one, "r1")));
        records.addAll(events.records(Deliveries.between(afterOne, two, "r2", Instant.EPOCH)));
        records.addAll(events.records(Deliveries.between(afterTwo, three, "r3", Instant.EPOCH)));

        assertThat(records.stream().filter(r -> !r.tombstone()).map(r -> r.headers().get("ce_type")).distinct())
                .contains("org.rosterbridge.oneroster.user.created", "org.rosterbridge.oneroster.user.updated",
                        "org.rosterbridge.oneroster.user.deleted", "org.rosterbridge.oneroster.roster.updated");
        assertThat(records).filteredOn(r -> !r.tombstone())
                .allSatisfy(r -> assertThat(EventSchemas.problems(EventSchemas.CHANGE_EVENT, r.value())).isEmpty());
    }

    @Test
    void theChangeSchemaRejectsAnEventWhoseOpAndReasonDisagree() {
        String bad = "{\"op\":\"created\",\"entity\":\"users\",\"estab\":\"3281110\",\"sourcedId\":\"u-1\","
                + "\"before\":null,\"after\":{\"sourcedId\":\"u-1\",\"status\":\"active\"},\"reason\":\"missing\","
                + "\"runId\":\"r1\"}";

        assertThat(EventSchemas.problems(EventSchemas.CHANGE_EVENT, bad.getBytes(StandardCharsets.UTF_8)))
                .isNotEmpty();
    }

    @Test
    void runEventsOfEveryOutcomeMatchTheShippedSchema() {
        RunEvents runs = new RunEvents(settings);
        Instant t = Instant.parse("2026-01-06T08:00:00Z");
        Map<String, Map<Entity, Map<ChangeOp, Integer>>> counts = Map.of("kafka",
                Map.of(Entity.USERS, Map.of(ChangeOp.CREATED, 3, ChangeOp.DELETED, 1)));
        for (RunReport r : List.of(
                new RunReport("r1", "3281110", "Northfield", RunOutcome.STARTED, t, null, Map.of(), Map.of(), 0,
                        List.of(), null),
                new RunReport("r1", "3281110", "Northfield", RunOutcome.COMPLETED, t, t.plusSeconds(3), Map.of(
                        Entity.USERS, new org.rosterbridge.sync.EntityStats(1, 1, 4, 3, 1, 0, 20)), counts, 2,
                        List.of("a warning"), null),
                new RunReport("r1", "3281110", "Northfield", RunOutcome.FAILED, t, t.plusSeconds(3), Map.of(),
                        Map.of(), 0, List.of(), "kafka failed: Kafka did not answer"),
                new RunReport("r1", "3281110", "Northfield", RunOutcome.HELD, t, t.plusSeconds(3), Map.of(), counts,
                        0, List.of(), "held by the mass-change guard"))) {
            assertThat(EventSchemas.problems(EventSchemas.RUN_EVENT, runs.event(r).value())).as(r.outcome().wire())
                    .isEmpty();
        }
        RunReport failedWithoutReason = new RunReport("r1", "3281110", "Northfield", RunOutcome.FAILED, t,
                t.plusSeconds(3), Map.of(), Map.of(), 0, List.of(), null);
        assertThat(EventSchemas.problems(EventSchemas.RUN_EVENT, runs.event(failedWithoutReason).value()))
                .isNotEmpty();
    }
}

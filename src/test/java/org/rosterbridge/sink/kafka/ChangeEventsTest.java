package org.rosterbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rosterbridge.change.SchoolData.enrollment;
import static org.rosterbridge.change.SchoolData.org;
import static org.rosterbridge.change.SchoolData.schoolClass;
import static org.rosterbridge.change.SchoolData.snapshot;
import static org.rosterbridge.change.SchoolData.term;
import static org.rosterbridge.change.SchoolData.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rosterbridge.change.SchoolData;
import org.rosterbridge.config.Settings;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;
import org.rosterbridge.model.User;
import org.rosterbridge.sync.Delivery;

class ChangeEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ChangeEvents events = new ChangeEvents(KafkaSinkSettings.from(Settings.of(Map.of(
            "kafka.bootstrap-servers", "127.0.0.1:1", "kafka.topic-prefix", "school-feed"))));

    private final User ada = user("u-ada", "Ada", "Lovelace");
    private final User alan = user("u-alan", "Alan", "Turing");
    private final Snapshot dayOne = snapshot(org(), term(), schoolClass("c-ma", "Maths 9"), ada, alan,
            enrollment("e-1", "u-ada", "c-ma"), enrollment("e-2", "u-alan", "c-ma"));

    @Test
    void aFirstRunGivesOneCreatedEventPerRecordAndRosterRowOnItsEntityTopic() throws Exception {
        List<EventRecord> records = events.records(Deliveries.first(dayOne, "run-1"));

        assertThat(records).extracting(EventRecord::topic, EventRecord::key).containsExactly(
                tuple("school-feed.orgs", "3281110/org-3281110"),
                tuple("school-feed.academicSessions", "3281110/term-1"),
                tuple("school-feed.classes", "3281110/c-ma"),
                tuple("school-feed.users", "3281110/u-ada"),
                tuple("school-feed.users", "3281110/u-alan"),
                tuple("school-feed.enrollments", "3281110/e-1"),
                tuple("school-feed.enrollments", "3281110/e-2"),
                tuple("school-feed.rosters", "3281110/e-1"),
                tuple("school-feed.rosters", "3281110/e-2"));
        JsonNode value = JSON.readTree(records.get(3).value());
        assertThat(value.fieldNames()).toIterable().containsExactly("op", "entity", "estab", "sourcedId", "before",
                "after", "reason", "runId");
        assertThat(value.get("op").asText()).isEqualTo("created");
        assertThat(value.get("entity").asText()).isEqualTo("users");
        assertThat(value.get("estab").asText()).isEqualTo("3281110");
        assertThat(value.get("sourcedId").asText()).isEqualTo("u-ada");
        assertThat(value.get("before").isNull()).isTrue();
        assertThat(value.get("reason").asText()).isEqualTo("new");
        assertThat(value.get("runId").asText()).isEqualTo("run-1");
        // the canonical record is embedded byte for byte, not written again
        String canonical = new String(dayOne.get(Entity.USERS, "u-ada").json(), StandardCharsets.UTF_8);
        assertThat(new String(records.get(3).value(), StandardCharsets.UTF_8)).contains("\"after\":" + canonical + ",");
    }

    @Test
    void everyEventCarriesCloudEventsBinaryModeHeaders() {
        List<EventRecord> records = events.records(Deliveries.first(dayOne, "run-1"));

        Map<String, String> h = records.get(3).headers();
        assertThat(h).containsEntry("ce_specversion", "1.0")
                .containsEntry("ce_source", "/rosterbridge/xporter/3281110")
                .containsEntry("ce_type", "org.rosterbridge.oneroster.user.created")
                .containsEntry("ce_subject", "u-ada")
                .containsEntry("ce_time", SchoolData.T0.toString())
                .containsEntry("content-type", "application/json");
        assertThat(h.get("ce_id")).matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(records).extracting(r -> r.headers().get("ce_type")).contains(
                "org.rosterbridge.oneroster.org.created", "org.rosterbridge.oneroster.academicSession.created",
                "org.rosterbridge.oneroster.class.created", "org.rosterbridge.oneroster.enrollment.created",
                "org.rosterbridge.oneroster.roster.created");
        assertThat(records).extracting(r -> r.headers().get("ce_id")).doesNotHaveDuplicates();
    }

    @Test
    void aTombstoneForTheKeyFollowsEverySoftAndHardDelete() throws Exception {
        Snapshot committed = Deliveries.committedAfter(Snapshot.empty(SchoolData.ESTAB), dayOne);
        Snapshot dayTwo = snapshot(org(), term(), schoolClass("c-ma", "Maths 9"),
                SchoolData.withStatus(ada, Status.TOBEDELETED), enrollment("e-1", "u-ada", "c-ma"));

        List<EventRecord> records = events.records(Deliveries.between(committed, dayTwo, "run-2",
                SchoolData.T0.plusSeconds(86_400)));

        List<String> seen = new ArrayList<>();
        for (EventRecord r : records) {
            seen.add(r.topic() + " " + r.key() + " " + (r.tombstone() ? "tombstone"
                    : JSON.readTree(r.value()).get("op").asText() + "/" + JSON.readTree(r.value()).get("reason").asText()));
        }
        assertThat(seen).containsExactly(
                "school-feed.users 3281110/u-ada deleted/tobedeleted",
                "school-feed.users 3281110/u-ada tombstone",
                "school-feed.users 3281110/u-alan deleted/missing",
                "school-feed.users 3281110/u-alan tombstone",
                "school-feed.enrollments 3281110/e-2 deleted/missing",
                "school-feed.enrollments 3281110/e-2 tombstone",
                "school-feed.rosters 3281110/e-1 deleted/tobedeleted",
                "school-feed.rosters 3281110/e-1 tombstone",
                "school-feed.rosters 3281110/e-2 deleted/missing",
                "school-feed.rosters 3281110/e-2 tombstone");
        EventRecord tombstone = records.get(1);
        assertThat(tombstone.value()).isNull();
        assertThat(tombstone.headers()).isEmpty();
        JsonNode hardDelete = JSON.readTree(records.get(2).value());
        assertThat(hardDelete.get("after").isNull()).isTrue();
        assertThat(hardDelete.get("before").get("sourcedId").asText()).isEqualTo("u-alan");
        JsonNode softDelete = JSON.readTree(records.get(0).value());
        assertThat(softDelete.get("after").get("status").asText()).isEqualTo("tobedeleted");
        assertThat(softDelete.get("before").get("status").asText()).isEqualTo("active");
    }

    @Test
    void theSameChangeDeliveredAgainByAnotherRunHasTheSameCeId() {
        Snapshot committed = Deliveries.committedAfter(Snapshot.empty(SchoolData.ESTAB), dayOne);
        Snapshot dayTwo = snapshot(org(), term(), schoolClass("c-ma", "Maths 9"),
                SchoolData.renamed(ada, "Byron"), alan, enrollment("e-1", "u-ada", "c-ma"),
                enrollment("e-2", "u-alan", "c-ma"));

        Delivery failed = Deliveries.between(committed, dayTwo, "run-2", SchoolData.T0.plusSeconds(86_400));
        Delivery retried = Deliveries.between(committed, dayTwo, "run-3", SchoolData.T0.plusSeconds(90_000));

        assertThat(ids(events.records(retried))).hasSize(2).isEqualTo(ids(events.records(failed)));
    }

    @Test
    void aChangeThatRecursWithANewModificationTimeGetsANewCeId() {
        User gone = SchoolData.withStatus(ada, Status.TOBEDELETED);
        Snapshot active = snapshot(org(), ada);
        Snapshot deletedOnce = snapshot(org(), gone);
        User back = user("u-ada", "Ada", "Lovelace", "01632 960000", Status.ACTIVE, SchoolData.T0.plusSeconds(600));
        Snapshot reactivated = snapshot(org(), back);
        Snapshot deletedAgain = snapshot(org(), user("u-ada", "Ada", "Lovelace", "01632 960000", Status.TOBEDELETED,
                SchoolData.T0.plusSeconds(1200)));

        String first = events.records(Deliveries.between(committed(active), deletedOnce, "r1", Instant.EPOCH))
                .get(0).headers().get("ce_id");
        String again = events.records(Deliveries.between(committed(reactivated), deletedAgain, "r3", Instant.EPOCH))
                .get(0).headers().get("ce_id");

        assertThat(again).isNotEqualTo(first);
    }

    @Test
    void batchesHoldAtMostTheirSizeAndOneTopicAndKeepTheOrderOfAllRecords() {
        Snapshot committed = Deliveries.committedAfter(Snapshot.empty(SchoolData.ESTAB), dayOne);
        Snapshot dayTwo = snapshot(org(), term(), schoolClass("c-ma", "Maths 9"), ada);
        Delivery delivery = Deliveries.between(committed, dayTwo, "run-2", SchoolData.T0);

        List<EventRecord> all = events.records(delivery);
        List<EventRecord> batched = new ArrayList<>();
        Iterator<List<EventRecord>> batches = events.batches(delivery, 3);
        while (batches.hasNext()) {
            List<EventRecord> batch = batches.next();
            assertThat(batch).hasSizeBetween(1, 3);
            assertThat(batch).extracting(EventRecord::topic).containsOnly(batch.get(0).topic());
            batched.addAll(batch);
        }

        assertThat(all).hasSizeGreaterThan(3);
        assertThat(batched).extracting(EventRecord::key, EventRecord::tombstone)
                .isEqualTo(all.stream().map(r -> tuple(r.key(), r.tombstone())).toList());
    }

    private static Snapshot committed(Snapshot s) {
        return Deliveries.committedAfter(Snapshot.empty(s.estab()), s);
    }

    private static List<String> ids(List<EventRecord> records) {
        return records.stream().filter(r -> !r.tombstone()).map(r -> r.headers().get("ce_id")).toList();
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }
}

package org.rosterbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.Gateway;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.change.ChangeReason;
import org.rosterbridge.change.ChangeSettings;
import org.rosterbridge.change.MassChangeGuard;
import org.rosterbridge.embedded.EmbeddedKafka;
import org.rosterbridge.embedded.KafkaBroker;
import org.rosterbridge.model.Entity;
import org.rosterbridge.simulator.DayTwo;
import org.rosterbridge.simulator.ExpectedChange;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.XporterSimulator;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.sync.RunReport;
import org.rosterbridge.testing.SimulatedGateway;

/** The whole gateway against the stand-in Xporter and a real broker: what an LMS consuming the topics sees. */
@ExtendWith(KafkaBroker.class)
class KafkaEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final Duration READ = Duration.ofSeconds(30);
    private static final SimulatedSchool SCHOOL = SimulatedSchool.secondary("3281110", "test-rp", "correct-horse-9",
            "Northfield Academy").withSize(120, 14);
    private static final String ESTAB = SCHOOL.estab();

    @TempDir
    Path state;
    @TempDir
    Path otherState;

    private final EmbeddedKafka kafka;
    private XporterSimulator simulator;
    private String prefix;

    KafkaEndToEndIT(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void start() {
        simulator = XporterSimulator.builder().school(SCHOOL).start();
        prefix = "e2e" + PREFIXES.incrementAndGet();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private Map<String, String> settings(String bootstrap, Path stateDir) {
        Map<String, String> kafkaSettings = new HashMap<>();
        kafkaSettings.put("xporter.page-size", "100");
        kafkaSettings.put("gateway.route-sinks", "");
        kafkaSettings.put("kafka.bootstrap-servers", bootstrap);
        kafkaSettings.put("kafka.topic-prefix", prefix);
        kafkaSettings.put("kafka.delivery-timeout", "4s");
        kafkaSettings.put("kafka.request-timeout", "2s");
        kafkaSettings.put("kafka.max-block", "2s");
        return new HashMap<>(SimulatedGateway.settings(simulator, SCHOOL, stateDir, kafkaSettings));
    }

    private RunReport sync(Map<String, String> settings) {
        try (Gateway gateway = Gateway.start(settings)) {
            List<RunReport> reports = gateway.sync();
            assertThat(reports).hasSize(1);
            return reports.get(0);
        }
    }

    private RunReport sync() {
        return sync(settings(kafka.bootstrapServers(), state));
    }

    @Test
    void dayOneCreatesEveryActiveRecordAndDayTwoPublishesExactlyTheScriptedChanges() {
        RunReport first = sync();
        assertThat(first.outcome()).as(first.reason()).isEqualTo(RunOutcome.COMPLETED);
        Topics dayOne = Topics.read(kafka, prefix);
        for (Entity e : Entity.SOURCE) {
            assertThat(dayOne.events(e)).as(e.collection()).allSatisfy(ev -> {
                assertThat(ev.op()).isEqualTo("created");
                assertThat(ev.reason()).isEqualTo("new");
            });
            assertThat(dayOne.events(e)).as(e.collection()).hasSize(first.extraction().get(e).active());
        }
        assertThat(dayOne.events(Entity.ROSTERS)).isNotEmpty().allSatisfy(ev -> assertThat(ev.op())
                .isEqualTo("created"));
        assertThat(dayOne.tombstones()).isEmpty();

        DayTwo dayTwo = simulator.applyDayTwo(ESTAB);
        assertThat(dayTwo.expected()).extracting(ExpectedChange::reason).contains(ChangeReason.values());
        RunReport second = sync();

        assertThat(second.outcome()).as(second.reason()).isEqualTo(RunOutcome.COMPLETED);
        Topics after = Topics.read(kafka, prefix).since(dayOne);
        for (Entity e : Entity.SOURCE) {
            assertThat(after.events(e).stream().map(Event::expected).toList()).as(e.collection())
                    .containsExactlyInAnyOrderElementsOf(dayTwo.expected(e).stream().map(KafkaEndToEndIT::text)
                            .toList());
        }
        assertThat(after.events(Entity.USERS)).noneMatch(ev -> ev.sourcedId().equals(dayTwo.touchedOnly()));
        // every delete, soft or hard, is followed by a tombstone of its key on its topic
        for (Entity e : Entity.values()) {
            List<String> deleted = after.events(e).stream().filter(ev -> ev.op().equals("deleted"))
                    .map(Event::key).sorted().toList();
            assertThat(after.tombstones(e)).as(e.collection()).containsExactlyInAnyOrderElementsOf(deleted);
            after.events(e).stream().filter(ev -> ev.op().equals("deleted")).forEach(ev ->
                    assertThat(after.nextOnKey(ev)).as(ev.key()).isEqualTo("tombstone"));
        }
        assertThat(after.all()).allSatisfy(ev -> assertThat(EventSchemas.problems(EventSchemas.CHANGE_EVENT,
                ev.value())).isEmpty());
    }

    @Test
    void aClassMoveAndARenameChangeTheRosterRowsOfExactlyThoseEnrollments() {
        sync();
        Topics dayOne = Topics.read(kafka, prefix);
        DayTwo dayTwo = simulator.applyDayTwo(ESTAB);
        sync();
        Topics after = Topics.read(kafka, prefix).since(dayOne);

        List<Event> rowUpdates = after.events(Entity.ROSTERS).stream().filter(ev -> ev.op().equals("updated"))
                .toList();
        List<Event> moves = rowUpdates.stream().filter(ev -> !ev.json().at("/before/class/sourcedId")
                .equals(ev.json().at("/after/class/sourcedId"))).toList();
        Set<String> movedEnrollments = dayTwo.expected(Entity.ENROLLMENTS).stream()
                .filter(c -> c.reason() == ChangeReason.MODIFIED).map(ExpectedChange::sourcedId)
                .collect(Collectors.toSet());
        assertThat(moves).extracting(Event::sourcedId).isNotEmpty().containsExactlyInAnyOrderElementsOf(
                movedEnrollments);

        String renamed = after.events(Entity.USERS).stream().filter(ev -> ev.op().equals("updated")
                        && !ev.json().at("/before/familyName").equals(ev.json().at("/after/familyName")))
                .map(Event::sourcedId).findFirst().orElseThrow();
        Set<String> renamedUsersRows = dayOne.events(Entity.ROSTERS).stream()
                .filter(ev -> ev.json().at("/after/user/sourcedId").asText().equals(renamed))
                .map(Event::sourcedId).collect(Collectors.toSet());
        List<Event> renames = rowUpdates.stream().filter(ev -> !ev.json().at("/before/user/familyName")
                .equals(ev.json().at("/after/user/familyName"))).toList();
        assertThat(renamedUsersRows).isNotEmpty();
        assertThat(renames).extracting(Event::sourcedId).containsExactlyInAnyOrderElementsOf(renamedUsersRows);
        assertThat(renames).allSatisfy(ev -> assertThat(ev.json().at("/after/user/sourcedId").asText())
                .isEqualTo(renamed));
    }

    @Test
    void aThirdRunWithNoChangePublishesOnlyItsRunEvents() {
        sync();
        simulator.applyDayTwo(ESTAB);
        sync();
        Topics before = Topics.read(kafka, prefix);

        RunReport third = sync();

        assertThat(third.outcome()).isEqualTo(RunOutcome.COMPLETED);
        Topics after = Topics.read(kafka, prefix).since(before);
        assertThat(after.all()).isEmpty();
        assertThat(after.tombstones()).isEmpty();
        assertThat(after.runs()).extracting(r -> r.json().get("type").asText()).containsExactly("started",
                "completed");
        assertThat(after.runs()).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(ESTAB);
            assertThat(r.json().get("runId").asText()).isEqualTo(third.runId());
            assertThat(EventSchemas.problems(EventSchemas.RUN_EVENT, r.value())).isEmpty();
        });
    }

    @Test
    void withKafkaDownTheRunFailsKeepsItsPositionAndTheNextRunPublishesTheSameEventsWithTheSameIds()
            throws IOException {
        sync();
        Path other = otherState;
        copyTree(state, other);
        simulator.applyDayTwo(ESTAB);
        Topics dayOne = Topics.read(kafka, prefix);

        // one gateway delivers day two at once: the ids a consumer has seen
        assertThat(sync().outcome()).isEqualTo(RunOutcome.COMPLETED);
        Topics delivered = Topics.read(kafka, prefix).since(dayOne);

        // another, with the same committed state, finds Kafka down, then delivers on its next run
        Map<String, String> down = settings("127.0.0.1:" + closedPort(), other);
        Map<String, String> positions;
        try (Gateway g = Gateway.start(down)) {
            positions = g.store().positions(ESTAB);
            long start = System.nanoTime();
            RunReport failed = g.sync().get(0);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
            assertThat(failed.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(failed.reason()).contains("kafka").contains("did not answer");
            assertThat(g.store().positions(ESTAB)).isEqualTo(positions);
        }
        RunReport retried = sync(settings(kafka.bootstrapServers(), other));
        assertThat(retried.outcome()).isEqualTo(RunOutcome.COMPLETED);
        Topics again = Topics.read(kafka, prefix).since(dayOne).since(delivered);

        assertThat(again.all()).hasSameSizeAs(delivered.all());
        assertThat(ids(again)).isEqualTo(ids(delivered));
    }

    @Test
    void aMassDeletionIsHeldUnpublishedUntilApprovedAndThenPublishedWithTombstones() {
        sync();
        Topics dayOne = Topics.read(kafka, prefix);
        simulator.close();
        simulator = XporterSimulator.builder().school(SCHOOL.withSize(40, 6)).start();
        Map<String, String> settings = settings(kafka.bootstrapServers(), state);
        settings.put("gateway.mass-change-threshold", "0.2");

        RunReport held = sync(settings);

        assertThat(held.outcome()).isEqualTo(RunOutcome.HELD);
        Topics whileHeld = Topics.read(kafka, prefix).since(dayOne);
        assertThat(whileHeld.all()).isEmpty();
        assertThat(whileHeld.runs()).extracting(r -> r.json().get("type").asText()).containsExactly("started",
                "held");

        try (Gateway g = Gateway.start(settings)) {
            new MassChangeGuard(ChangeSettings.from(g.settings()), g.store()).approve(ESTAB, "test operator");
            RunReport approved = g.sync().get(0);
            assertThat(approved.outcome()).as(approved.reason()).isEqualTo(RunOutcome.COMPLETED);
            Topics released = Topics.read(kafka, prefix).since(dayOne);
            int deletes = approved.changes().get("kafka").values().stream()
                    .mapToInt(ops -> ops.getOrDefault(ChangeOp.DELETED, 0)).sum();
            assertThat(released.all().stream().filter(ev -> ev.op().equals("deleted"))).hasSize(deletes);
            assertThat(released.tombstones()).hasSize(deletes);
            assertThat(approved.changes()).isEqualTo(held.changes());
            assertThat(deletes).isGreaterThan(0);
        }
    }

    private static List<String> ids(Topics topics) {
        return topics.all().stream().map(ev -> ev.key() + " " + ev.ceId()).sorted().toList();
    }

    private static String text(ExpectedChange c) {
        return c.entity().collection() + " " + c.sourcedId() + " " + c.op().wire() + "/" + c.reason().wire();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One change event as a consumer reads it. */
    record Event(String topic, String key, int partition, long offset, byte[] value, JsonNode json, String ceId) {
        String op() {
            return json.get("op").asText();
        }

        String reason() {
            return json.get("reason").asText();
        }

        String sourcedId() {
            return json.get("sourcedId").asText();
        }

        String expected() {
            return json.get("entity").asText() + " " + sourcedId() + " " + op() + "/" + reason();
        }
    }

    /** Every record of a prefix's topics, or those published after an earlier read. */
    record Topics(Map<String, List<ConsumerRecord<String, byte[]>>> byTopic, String prefix) {
        static Topics read(EmbeddedKafka kafka, String prefix) {
            List<String> topics = new ArrayList<>();
            for (Entity e : Entity.values()) {
                topics.add(prefix + "." + e.collection());
            }
            topics.add(prefix + ".runs");
            return new Topics(TopicReader.readAll(kafka.bootstrapServers(), topics, READ), prefix);
        }

        /** Only the records past what {@code earlier} read, partition by partition. */
        Topics since(Topics earlier) {
            Map<String, List<ConsumerRecord<String, byte[]>>> out = new LinkedHashMap<>();
            byTopic.forEach((topic, records) -> {
                Map<Integer, Long> seen = new HashMap<>();
                for (ConsumerRecord<String, byte[]> r : earlier.byTopic.getOrDefault(topic, List.of())) {
                    seen.merge(r.partition(), r.offset(), Math::max);
                }
                out.put(topic, records.stream().filter(r -> r.offset() > seen.getOrDefault(r.partition(), -1L))
                        .toList());
            });
            return new Topics(out, prefix);
        }

        List<Event> events(Entity e) {
            return byTopic.get(prefix + "." + e.collection()).stream().filter(r -> r.value() != null)
                    .map(Topics::event).toList();
        }

        List<Event> all() {
            List<Event> out = new ArrayList<>();
            for (Entity e : Entity.values()) {
                out.addAll(events(e));
            }
            return out;
        }

        List<String> tombstones(Entity e) {
            return byTopic.get(prefix + "." + e.collection()).stream().filter(r -> r.value() == null)
                    .map(ConsumerRecord::key).sorted().toList();
        }

        List<String> tombstones() {
            List<String> out = new ArrayList<>();
            for (Entity e : Entity.values()) {
                out.addAll(tombstones(e));
            }
            return out;
        }

        List<Event> runs() {
            return byTopic.get(prefix + ".runs").stream().map(Topics::event).toList();
        }

        /** What the key received right after this event on its partition: "tombstone", an op, or "nothing". */
        String nextOnKey(Event ev) {
            return byTopic.get(ev.topic()).stream()
                    .filter(r -> r.partition() == ev.partition() && r.offset() > ev.offset() && r.key().equals(ev.key()))
                    .findFirst().map(r -> r.value() == null ? "tombstone" : event(r).op()).orElse("nothing");
        }

        private static Event event(ConsumerRecord<String, byte[]> r) {
            try {
                return new Event(r.topic(), r.key(), r.partition(), r.offset(), r.value(), JSON.readTree(r.value()),
                        TopicReader.headers(r).get("ce_id"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

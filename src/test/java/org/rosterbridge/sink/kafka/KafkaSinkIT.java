package org.rosterbridge.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rosterbridge.change.SchoolData.enrollment;
import static org.rosterbridge.change.SchoolData.org;
import static org.rosterbridge.change.SchoolData.schoolClass;
import static org.rosterbridge.change.SchoolData.snapshot;
import static org.rosterbridge.change.SchoolData.term;
import static org.rosterbridge.change.SchoolData.user;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.Gateway;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.change.SchoolData;
import org.rosterbridge.embedded.EmbeddedKafka;
import org.rosterbridge.embedded.KafkaBroker;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;
import org.rosterbridge.model.User;
import org.rosterbridge.sync.Delivery;
import org.rosterbridge.sync.EntityStats;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.sync.RunReport;
import org.rosterbridge.testing.LogCapture;

@ExtendWith(KafkaBroker.class)
class KafkaSinkIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static final Duration READ = Duration.ofSeconds(30);

    @TempDir
    Path state;

    private final EmbeddedKafka kafka;
    private String prefix;
    private Gateway gateway;
    private ProducerTemplate template;

    private final User ada = user("u-ada", "Ada", "Lovelace");
    private final User alan = user("u-alan", "Alan", "Turing");
    private final User grace = user("u-grace", "Grace", "Hopper");
    private final Snapshot dayOne = snapshot(org(), term(), schoolClass("c-ma", "Maths 9"),
            schoolClass("c-en", "English 9"), ada, alan, grace, enrollment("e-1", "u-ada", "c-ma"),
            enrollment("e-2", "u-alan", "c-ma"), enrollment("e-3", "u-grace", "c-en"));
    // Ada renamed, Alan soft-deleted, Grace gone, a new pupil, e-1 moved to English
    private final Snapshot dayTwo = snapshot(org(), term(), schoolClass("c-ma", "Maths 9"),
            schoolClass("c-en", "English 9"), SchoolData.renamed(ada, "Byron"),
            SchoolData.withStatus(alan, Status.TOBEDELETED), user("u-kofi", "Kofi", "Mensah"),
            SchoolData.movedTo(enrollment("e-1", "u-ada", "c-ma"), "c-en"), enrollment("e-2", "u-alan", "c-ma"),
            enrollment("e-4", "u-kofi", "c-ma"));

    KafkaSinkIT(EmbeddedKafka kafka) {
        this.kafka = kafka;
    }

    @BeforeEach
    void start() {
        prefix = "sinkit" + PREFIXES.incrementAndGet();
        gateway = Gateway.start(settings(kafka.bootstrapServers()));
        template = gateway.context().createProducerTemplate();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private Map<String, String> settings(String bootstrap) {
        Map<String, String> s = new HashMap<>();
        s.put("kafka.bootstrap-servers", bootstrap);
        s.put("kafka.topic-prefix", prefix);
        s.put("kafka.partitions", "2");
        s.put("kafka.delivery-timeout", "4s");
        s.put("kafka.request-timeout", "2s");
        s.put("kafka.max-block", "2s");
        s.put("csv.enabled", "false");
        s.put("gateway.state-dir", state.toString());
        s.put("xporter.base-url", "http://127.0.0.1:1/api");
        return s;
    }

    @Test
    void dayTwoPublishesExactlyItsChangesPerEntityOpAndReasonWithATombstoneAfterEachDelete() throws Exception {
        Snapshot committed = Deliveries.committedAfter(Snapshot.empty(SchoolData.ESTAB), dayOne);
        Delivery delivery = Deliveries.between(committed, dayTwo, "run-2", SchoolData.T0.plusSeconds(86_400));

        template.requestBody("direct:sink-kafka", delivery);

        assertThat(summary(Entity.USERS)).containsExactlyInAnyOrder(
                "u-ada updated/modified", "u-alan deleted/tobedeleted, tombstone", "u-kofi created/new",
                "u-grace deleted/missing, tombstone");
        assertThat(summary(Entity.ENROLLMENTS)).containsExactlyInAnyOrder(
                "e-1 updated/modified", "e-4 created/new", "e-3 deleted/missing, tombstone");
        // the class move and the rename change e-1's row, Alan's soft delete e-2's, Grace's hard delete e-3's
        assertThat(summary(Entity.ROSTERS)).containsExactlyInAnyOrder(
                "e-1 updated/modified", "e-2 deleted/tobedeleted, tombstone", "e-4 created/new",
                "e-3 deleted/missing, tombstone");
        assertThat(summary(Entity.CLASSES)).isEmpty();
        assertThat(summary(Entity.ORGS)).isEmpty();

        JsonNode row = value(only(Entity.ROSTERS, "e-1"));
        assertThat(row.at("/before/class/sourcedId").asText()).isEqualTo("c-ma");
        assertThat(row.at("/after/class/sourcedId").asText()).isEqualTo("c-en");
        assertThat(row.at("/after/user/familyName").asText()).isEqualTo("Byron");
    }

    @Test
    void eachRecordIsKeyedByEstabAndSourcedIdWithCloudEventsHeadersAndAKeyOrderKeptInOnePartition() throws Exception {
        Snapshot committed = Deliveries.committedAfter(Snapshot.empty(SchoolData.ESTAB), dayOne);
        template.requestBody("direct:sink-kafka", Deliveries.between(committed, dayTwo, "run-2",
                Instant.parse("2026-01-06T08:00:00Z")));

        List<ConsumerRecord<String, byte[]>> users = read(Entity.USERS);
        ConsumerRecord<String, byte[]> kofi = users.stream().filter(r -> r.key().equals("3281110/u-kofi"))
                .findFirst().orElseThrow();
        Map<String, String> h = TopicReader.headers(kofi);
        assertThat(h).containsEntry("ce_specversion", "1.0").containsEntry("ce_type",
                        "org.rosterbridge.oneroster.user.created").containsEntry("ce_subject", "u-kofi")
                .containsEntry("ce_source", "/rosterbridge/xporter/3281110")
                .containsEntry("ce_time", "2026-01-06T08:00:00Z").containsEntry("content-type", "application/json")
                .containsKey("ce_id");
        assertThat(h.keySet()).noneMatch(k -> k.startsWith("Camel") || k.startsWith("kafka."));
        assertThat(value(kofi).at("/after/givenName").asText()).isEqualTo("Kofi");

        List<ConsumerRecord<String, byte[]>> alan = users.stream().filter(r -> r.key().equals("3281110/u-alan"))
                .toList();
        assertThat(alan).hasSize(2);
        assertThat(alan.get(0).partition()).isEqualTo(alan.get(1).partition());
        assertThat(alan.get(0).offset()).isLessThan(alan.get(1).offset());
        assertThat(alan.get(1).value()).isNull();
        assertThat(alan.get(1).headers().toArray()).isEmpty();
    }

    @Test
    void everyRecordOnTheTopicsIsByteForByteThePlainWritersWithItsHeadersInOrder() throws Exception {
        User zoe = user("u-Zoë \"Z\"", "Zoë", "Brontë");
        Snapshot committed = Deliveries.committedAfter(Snapshot.empty(SchoolData.ESTAB), snapshot(org(), term(),
                schoolClass("c-ma", "Maths 9"), ada, alan, grace, zoe, enrollment("e-1", "u-ada", "c-ma")));
        Delivery delivery = Deliveries.between(committed, dayTwo, "run \"2\" é", SchoolData.T0.plusSeconds(86_400));

        template.requestBody("direct:sink-kafka", delivery);

        // per key in order, as a consumer sees them: what the plain writer gives, its text headers encoded as
        // camel-kafka's default serializer encoded them
        Map<String, List<String>> expected = new java.util.TreeMap<>();
        for (EventRecord r : ReferenceEvents.records(prefix, delivery)) {
            List<String> headers = new ArrayList<>();
            r.headers().forEach((name, value) -> headers.add(name + "=" + hex(value.getBytes())));
            expected.computeIfAbsent(r.topic() + " " + r.key(), k -> new ArrayList<>())
                    .add(hex(r.value()) + " " + headers);
        }
        List<String> topics = new ArrayList<>();
        for (Entity e : Entity.values()) {
            topics.add(prefix + "." + e.collection());
        }
        Map<String, List<String>> actual = new java.util.TreeMap<>();
        TopicReader.readAll(kafka.bootstrapServers(), topics, READ).values().forEach(records -> records.forEach(r -> {
            List<String> headers = new ArrayList<>();
            r.headers().forEach(h -> headers.add(h.key() + "=" + hex(h.value())));
            actual.computeIfAbsent(r.topic() + " " + r.key(), k -> new ArrayList<>())
                    .add(hex(r.value()) + " " + headers);
        }));
        assertThat(expected).containsKey(prefix + ".users 3281110/u-Zoë \"Z\"");
        assertThat(actual).isEqualTo(expected);
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? "null" : java.util.HexFormat.of().formatHex(bytes);
    }

    @Test
    void theSameChangePublishedAgainByALaterRunCarriesTheSameCeId() {
        Snapshot committed = Deliveries.committedAfter(Snapshot.empty(SchoolData.ESTAB), dayOne);
        template.requestBody("direct:sink-kafka", Deliveries.between(committed, dayTwo, "run-2",
                SchoolData.T0.plusSeconds(86_400)));
        template.requestBody("direct:sink-kafka", Deliveries.between(committed, dayTwo, "run-3",
                SchoolData.T0.plusSeconds(90_000)));

        List<ConsumerRecord<String, byte[]>> users = read(Entity.USERS).stream().filter(r -> r.value() != null)
                .toList();
        assertThat(users).hasSize(8);
        Map<String, List<String>> idsByKey = new HashMap<>();
        users.forEach(r -> idsByKey.computeIfAbsent(r.key(), k -> new ArrayList<>())
                .add(TopicReader.headers(r).get("ce_id")));
        assertThat(idsByKey).hasSize(4).allSatisfy((key, ids) -> {
            assertThat(ids).hasSize(2);
            assertThat(ids.get(0)).isEqualTo(ids.get(1));
        });
        assertThat(idsByKey.values().stream().map(l -> l.get(0)).distinct()).hasSize(4);
    }

    @Test
    void theGatewayCreatesCompactedEntityTopicsAndARunsTopicThatDeletesByAge() throws Exception {
        template.requestBody("direct:sink-kafka", Deliveries.first(dayOne, "run-1"));

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            List<String> names = new ArrayList<>();
            for (Entity e : Entity.values()) {
                names.add(prefix + "." + e.collection());
            }
            Map<String, org.apache.kafka.clients.admin.TopicDescription> topics = admin.describeTopics(
                    append(names, prefix + ".runs")).allTopicNames().get();
            assertThat(topics).hasSize(8).allSatisfy((name, d) -> assertThat(d.partitions()).hasSize(2));
            Map<ConfigResource, Config> configs = admin.describeConfigs(append(names, prefix + ".runs").stream()
                    .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get();
            configs.forEach((resource, config) -> assertThat(config.get("cleanup.policy").value())
                    .as(resource.name()).isEqualTo(resource.name().endsWith(".runs") ? "delete" : "compact"));
        }
        assertThat(read(Entity.USERS)).hasSize(3);
        assertThat(read(Entity.ROSTERS)).hasSize(3);
    }

    @Test
    void anEntityTopicMadeElsewhereWithoutCompactionIsUsedAndWarnedAbout() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(prefix + ".users", 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "delete")))).all().get();
        }
        try (LogCapture log = new LogCapture()) {
            template.requestBody("direct:sink-kafka", Deliveries.first(dayOne, "run-1"));

            assertThat(log.text()).contains("Kafka topic " + prefix + ".users exists with cleanup.policy=delete")
                    .doesNotContain(prefix + ".classes exists");
        }
        assertThat(read(Entity.USERS)).hasSize(3);
    }

    @Test
    void aRunReportIsPublishedOnTheRunsTopicKeyedByEstab() throws Exception {
        Instant start = Instant.parse("2026-01-06T08:00:00Z");
        RunReport started = new RunReport("run-7", SchoolData.ESTAB, "Northfield Academy", RunOutcome.STARTED, start,
                null, Map.of(), Map.of(), 0, List.of(), null);
        RunReport completed = new RunReport("run-7", SchoolData.ESTAB, "Northfield Academy", RunOutcome.COMPLETED,
                start, start.plusSeconds(12), Map.of(Entity.USERS, new EntityStats(2, 2, 1650, 1650, 0, 0, 800)),
                Map.of("kafka", Map.of(Entity.USERS, Map.of(ChangeOp.CREATED, 1650))), 0, List.of(), null);

        template.requestBody("direct:run-event", started);
        template.requestBody("direct:run-event", completed);

        List<ConsumerRecord<String, byte[]>> runs = TopicReader.readAll(kafka.bootstrapServers(), prefix + ".runs",
                READ);
        assertThat(runs).extracting(ConsumerRecord::key).containsExactly("3281110", "3281110");
        assertThat(runs).extracting(r -> TopicReader.headers(r).get("ce_type"))
                .containsExactly("org.rosterbridge.run.started", "org.rosterbridge.run.completed");
        JsonNode done = value(runs.get(1));
        assertThat(done.get("type").asText()).isEqualTo("completed");
        assertThat(done.at("/changes/kafka/users/created").asInt()).isEqualTo(1650);
        assertThat(done.at("/extraction/users/records").asInt()).isEqualTo(1650);
        assertThat(value(runs.get(0)).get("finishedAt").isNull()).isTrue();
    }

    @Test
    void everyEventConsumedFromTheBrokerMatchesTheShippedSchemas() {
        Snapshot committed = Deliveries.committedAfter(Snapshot.empty(SchoolData.ESTAB), dayOne);
        template.requestBody("direct:sink-kafka", Deliveries.first(dayOne, "run-1"));
        template.requestBody("direct:sink-kafka", Deliveries.between(committed, dayTwo, "run-2", SchoolData.T0));
        Instant t = Instant.parse("2026-01-06T08:00:00Z");
        template.requestBody("direct:run-event", new RunReport("run-2", SchoolData.ESTAB, "Northfield Academy",
                RunOutcome.HELD, t, t.plusSeconds(1), Map.of(), Map.of(), 0, List.of(), "held"));

        List<ConsumerRecord<String, byte[]>> changes = new ArrayList<>();
        for (Entity e : Entity.values()) {
            changes.addAll(read(e));
        }
        List<ConsumerRecord<String, byte[]>> events = changes.stream().filter(r -> r.value() != null).toList();
        // day one: org, term, 2 classes, 3 users, 3 enrollments, 3 rows; day two: 4 users, 3 enrollments, 4 rows
        assertThat(events.stream().map(ConsumerRecord::key).toList()).hasSize(13 + 11);
        assertThat(events).allSatisfy(r -> assertThat(EventSchemas.problems(EventSchemas.CHANGE_EVENT, r.value()))
                .as(r.key()).isEmpty());
        assertThat(TopicReader.readAll(kafka.bootstrapServers(), prefix + ".runs", READ)).singleElement()
                .satisfies(r -> assertThat(EventSchemas.problems(EventSchemas.RUN_EVENT, r.value())).isEmpty());
    }

    @Test
    void aBrokerThatCannotBeReachedFailsTheDeliveryWithinTheBlockingTimeout() {
        gateway.close();
        gateway = Gateway.start(settings("127.0.0.1:" + closedPort()));
        ProducerTemplate down = gateway.context().createProducerTemplate();
        Delivery delivery = Deliveries.first(dayOne, "run-1");

        long start = System.nanoTime();
        assertThatThrownBy(() -> down.requestBody("direct:sink-kafka", delivery))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(KafkaUnavailableException.class).hasMessageContaining("did not answer");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void aBrokerThatGoesDownAfterTopicsExistFailsTheDeliveryWithinTheBoundAndTheNextOneSucceeds() {
        EmbeddedKafka own = EmbeddedKafka.start();
        try {
            gateway.close();
            gateway = Gateway.start(settings(own.bootstrapServers()));
            ProducerTemplate t = gateway.context().createProducerTemplate();
            t.requestBody("direct:sink-kafka", Deliveries.first(dayOne, "run-1"));
            Snapshot committed = Deliveries.committedAfter(Snapshot.empty(SchoolData.ESTAB), dayOne);
            Delivery dayTwoDelivery = Deliveries.between(committed, dayTwo, "run-2", SchoolData.T0);

            own.stop();
            long start = System.nanoTime();
            assertThatThrownBy(() -> t.requestBody("direct:sink-kafka", dayTwoDelivery))
                    .isInstanceOf(CamelExecutionException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));

            own.restart();
            t.requestBody("direct:sink-kafka", dayTwoDelivery);
            List<ConsumerRecord<String, byte[]>> users = TopicReader.readAll(own.bootstrapServers(),
                    prefix + ".users", READ);
            assertThat(users.stream().filter(r -> r.value() != null).map(r -> r.key()).toList())
                    .contains("3281110/u-kofi");
        } finally {
            gateway.close();
            gateway = null;
            own.close();
        }
    }

    /**
     * Per key, what it received in offset order (one key lives on one partition, so that order is the publishing
     * order); keys on different partitions have no order between them, so the list is compared in any order.
     */
    private List<String> summary(Entity entity) throws Exception {
        Map<String, List<String>> byKey = new java.util.LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> r : read(entity)) {
            String id = r.key().substring(SchoolData.ESTAB.length() + 1);
            String what;
            if (r.value() == null) {
                what = "tombstone";
            } else {
                JsonNode v = value(r);
                assertThat(v.get("sourcedId").asText()).isEqualTo(id);
                assertThat(v.get("entity").asText()).isEqualTo(entity.collection());
                what = v.get("op").asText() + "/" + v.get("reason").asText();
            }
            byKey.computeIfAbsent(id, k -> new ArrayList<>()).add(what);
        }
        List<String> out = new ArrayList<>();
        byKey.forEach((id, seq) -> out.add(id + " " + String.join(", ", seq)));
        return out;
    }

    private List<ConsumerRecord<String, byte[]>> read(Entity entity) {
        return TopicReader.readAll(kafka.bootstrapServers(), prefix + "." + entity.collection(), READ);
    }

    private ConsumerRecord<String, byte[]> only(Entity entity, String sourcedId) {
        List<ConsumerRecord<String, byte[]>> matching = read(entity).stream()
                .filter(r -> r.key().equals(SchoolData.ESTAB + "/" + sourcedId) && r.value() != null).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    private static JsonNode value(ConsumerRecord<String, byte[]> r) throws java.io.IOException {
        return JSON.readTree(r.value());
    }

    private static List<String> append(List<String> list, String extra) {
        List<String> out = new ArrayList<>(list);
        out.add(extra);
        return out;
    }

    private static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

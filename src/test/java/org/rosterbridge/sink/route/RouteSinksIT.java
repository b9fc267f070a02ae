package org.rosterbridge.sink.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.change.ChangeReason;
import org.rosterbridge.config.Settings;
import org.rosterbridge.model.Entity;
import org.rosterbridge.simulator.DayTwo;
import org.rosterbridge.simulator.ExpectedChange;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.XporterSimulator;
import org.rosterbridge.sink.kafka.ChangeEvents;
import org.rosterbridge.sink.kafka.KafkaSinkSettings;
import org.rosterbridge.sync.Delivery;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.sync.RunReport;
import org.rosterbridge.testing.LogCapture;
import org.rosterbridge.testing.SimulatedGateway;

/** The route templates and the example route files, through the whole gateway against the stand-in Xporter. */
class RouteSinksIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SimulatedSchool SCHOOL = SimulatedSchool.secondary("3281120", "test-rp", "correct-horse-7",
            "Eastfield School").withSize(90, 10);
    private static final String TOKEN = "hook-token-5e7a9c";

    @TempDir
    Path state;
    @TempDir
    Path out;

    private XporterSimulator simulator;
    private Webhook webhook;

    @BeforeEach
    void start() {
        simulator = XporterSimulator.builder().school(SCHOOL).start();
        webhook = new Webhook();
    }

    @AfterEach
    void stop() {
        webhook.close();
        simulator.close();
    }

    private SimulatedGateway gateway(Map<String, String> extra) {
        return SimulatedGateway.start(SimulatedGateway.settings(simulator, SCHOOL, state, extra));
    }

    private Map<String, String> deletedUsersWebhook(String sinks) {
        Map<String, String> s = new HashMap<>();
        s.put("gateway.routes", "classpath:routes/examples/deleted-users-webhook.camel.yaml");
        s.put("gateway.route-sinks", sinks);
        s.put("deleted-users.url", webhook.url("/hooks/leavers"));
        s.put("deleted-users.token", TOKEN);
        return s;
    }

    /** Camel's own loggers at DEBUG too (those log4j2.xml pins for secrecy stay as they are). */
    private static AutoCloseable camelAtDebug() {
        Level previous = LogManager.getLogger("org.apache.camel").getLevel();
        Configurator.setLevel("org.apache.camel", Level.DEBUG);
        return () -> Configurator.setLevel("org.apache.camel", previous);
    }

    private static List<String> deleted(DayTwo dayTwo, Entity entity) {
        return dayTwo.expected(entity).stream().filter(c -> c.op() == ChangeOp.DELETED)
                .map(ExpectedChange::sourcedId).toList();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theDeletedUsersExamplePostsEachDeletedUserOnceWithItsBearerTokenAndNeverLogsTheToken() throws Exception {
        try (AutoCloseable debug = camelAtDebug(); LogCapture log = new LogCapture();
             SimulatedGateway g = gateway(deletedUsersWebhook("deleted-users"))) {
            RunReport first = g.sync();
            assertThat(first.outcome()).as(first.reason()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(webhook.received()).as("day one creates only").isEmpty();

            DayTwo dayTwo = simulator.applyDayTwo(SCHOOL.estab());
            RunReport second = g.sync();

            assertThat(second.outcome()).as(second.reason()).isEqualTo(RunOutcome.COMPLETED);
            List<Webhook.Request> posts = webhook.received();
            assertThat(posts).allSatisfy(p -> {
                assertThat(p.method()).isEqualTo("POST");
                assertThat(p.path()).isEqualTo("/hooks/leavers");
                assertThat(p.authorization()).isEqualTo("Bearer " + TOKEN);
                assertThat(p.contentType()).startsWith("application/json");
            });
            List<JsonNode> events = posts.stream().map(p -> parse(p.body())).toList();
            assertThat(events).allSatisfy(e -> {
                assertThat(e.get("entity").asText()).isEqualTo("users");
                assertThat(e.get("op").asText()).isEqualTo("deleted");
                assertThat(e.get("estab").asText()).isEqualTo(SCHOOL.estab());
                assertThat(e.get("runId").asText()).isEqualTo(second.runId());
            });
            assertThat(events).extracting(e -> e.get("reason").asText())
                    .contains(ChangeReason.TOBEDELETED.wire(), ChangeReason.MISSING.wire());
            assertThat(events).extracting(e -> e.get("sourcedId").asText())
                    .containsExactlyInAnyOrderElementsOf(deleted(dayTwo, Entity.USERS)).isNotEmpty();
            assertThat(log.text()).contains("sink-deleted-users").doesNotContain(TOKEN);
        }
    }

    @Test
    void aFailingWebhookFailsOnlyItsOwnSinkAndTheNextRunDeliversTheSameChangesAgain() throws Exception {
        try (AutoCloseable debug = camelAtDebug(); LogCapture log = new LogCapture();
             SimulatedGateway g = gateway(deletedUsersWebhook("probe,deleted-users"))) {
            assertThat(g.sync().outcome()).isEqualTo(RunOutcome.COMPLETED);
            DayTwo dayTwo = simulator.applyDayTwo(SCHOOL.estab());
            webhook.answer(500);

            RunReport failed = g.sync();

            assertThat(failed.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(failed.reason()).startsWith("deleted-users failed").contains("500");
            assertThat(webhook.received()).isEmpty();
            assertThat(g.deliveries()).hasSize(2);
            assertThat(g.deliveries().get(1).changes().changes()).isNotEmpty();

            webhook.answer(200);
            RunReport again = g.sync();

            assertThat(again.outcome()).as(again.reason()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(g.deliveries().get(2).changes().changes()).as("the probe delivered day two already").isEmpty();
            assertThat(webhook.received()).extracting(p -> parse(p.body()).get("sourcedId").asText())
                    .containsExactlyInAnyOrderElementsOf(deleted(dayTwo, Entity.USERS));
            assertThat(webhook.received()).allSatisfy(p -> assertThat(parse(p.body()).get("runId").asText())
                    .isEqualTo(again.runId()));
            assertThat(log.text()).contains("deleted-users failed").doesNotContain(TOKEN);
        }
    }

    @Test
    void theLeavingEnrollmentsExampleWritesTheTobedeletedEnrollmentsAsOneJsonLinesFilePerRun() throws IOException {
        Map<String, String> s = new HashMap<>();
        s.put("gateway.routes", "classpath:routes/examples/leaving-enrollments.camel.yaml");
        s.put("gateway.route-sinks", "leaving-enrollments");
        s.put("leaving-enrollments.directory", out.toString());
        try (SimulatedGateway g = gateway(s)) {
            assertThat(g.sync().outcome()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(files(out)).as("day one has no leaver").isEmpty();

            DayTwo dayTwo = simulator.applyDayTwo(SCHOOL.estab());
            RunReport second = g.sync();

            assertThat(second.outcome()).as(second.reason()).isEqualTo(RunOutcome.COMPLETED);
            Path file = out.resolve(SCHOOL.estab()).resolve("leaving-" + second.runId() + ".jsonl");
            assertThat(files(out)).containsExactly(file);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            List<JsonNode> enrollments = text.lines().map(RouteSinksIT::parse).toList();
            assertThat(enrollments).allSatisfy(e -> {
                assertThat(e.get("status").asText()).isEqualTo("tobedeleted");
                assertThat(e.get("user").get("sourcedId").asText()).isNotEmpty();
                assertThat(e.has("op")).as("only the record, not the event").isFalse();
            });
            assertThat(enrollments).extracting(e -> e.get("sourcedId").asText())
                    .containsExactlyInAnyOrderElementsOf(dayTwo.expected(Entity.ENROLLMENTS).stream()
                            .filter(c -> c.reason() == ChangeReason.TOBEDELETED).map(ExpectedChange::sourcedId)
                            .toList())
                    .isNotEmpty();
        }
    }

    @Test
    void theJsonLinesTemplateFromPropertiesWritesTheSameEventsKafkaGetsFilteredByEntityAndOp() throws IOException {
        Map<String, String> s = new HashMap<>();
        s.put("gateway.route-sinks", "probe,all-events,deletes");
        template(s, 0, "all-events", out.resolve("all").toString(), null, null);
        template(s, 1, "deletes", out.resolve("deletes").toString(), "users,enrollments", "deleted");
        try (SimulatedGateway g = gateway(s)) {
            RunReport first = g.sync();
            assertThat(first.outcome()).as(first.reason()).isEqualTo(RunOutcome.COMPLETED);
            Path dayOne = out.resolve("all").resolve(SCHOOL.estab()).resolve(first.runId() + ".jsonl");
            assertThat(Files.readAllLines(dayOne)).containsExactlyElementsOf(kafkaValues(g.deliveries().get(0)));
            assertThat(files(out.resolve("deletes"))).isEmpty();

            DayTwo dayTwo = simulator.applyDayTwo(SCHOOL.estab());
            RunReport second = g.sync();

            assertThat(second.outcome()).as(second.reason()).isEqualTo(RunOutcome.COMPLETED);
            Path all = out.resolve("all").resolve(SCHOOL.estab()).resolve(second.runId() + ".jsonl");
            assertThat(Files.readAllLines(all)).containsExactlyElementsOf(kafkaValues(g.deliveries().get(1)));
            Path deletes = out.resolve("deletes").resolve(SCHOOL.estab()).resolve(second.runId() + ".jsonl");
            assertThat(files(out)).containsExactlyInAnyOrder(dayOne, all, deletes);
            List<JsonNode> events = Files.readAllLines(deletes).stream().map(RouteSinksIT::parse).toList();
            assertThat(events).allSatisfy(e -> assertThat(e.get("op").asText()).isEqualTo("deleted"));
            assertThat(events).extracting(e -> e.get("entity").asText() + "/" + e.get("sourcedId").asText())
                    .containsExactlyInAnyOrderElementsOf(Stream.of(Entity.USERS, Entity.ENROLLMENTS)
                            .flatMap(en -> deleted(dayTwo, en).stream().map(id -> en.collection() + "/" + id))
                            .toList());
        }
    }

    @Test
    void theBatchWebhookPostsARunsEventsAsOneArrayAndNothingWhenNoneIsLeft() {
        Map<String, String> s = new HashMap<>();
        s.put("gateway.route-sinks", "probe,classes-hook");
        s.put("camel.route-template[0].template-id", "rosterbridge-webhook-batch-sink");
        s.put("camel.route-template[0].route-id", "sink-classes-hook");
        s.put("camel.route-template[0].sink", "classes-hook");
        s.put("camel.route-template[0].url", webhook.url("/classes"));
        s.put("camel.route-template[0].entities", "classes");
        try (SimulatedGateway g = gateway(s)) {
            RunReport first = g.sync();
            assertThat(first.outcome()).as(first.reason()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(webhook.received()).hasSize(1);
            Webhook.Request post = webhook.received().get(0);
            assertThat(post.authorization()).as("no token given").isNull();
            JsonNode array = parse(post.body());
            assertThat(array.isArray()).isTrue();
            assertThat(array).hasSize(first.extraction().get(Entity.CLASSES).active());
            assertThat(array).allSatisfy(e -> assertThat(e.get("entity").asText()).isEqualTo("classes"));

            RunReport unchanged = g.sync();

            assertThat(unchanged.outcome()).as(unchanged.reason()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(webhook.received()).hasSize(1);
        }
    }

    private static void template(Map<String, String> s, int i, String sink, String directory, String entities,
                                 String ops) {
        String p = "camel.route-template[" + i + "].";
        s.put(p + "template-id", "rosterbridge-jsonl-sink");
        s.put(p + "route-id", "sink-" + sink);
        s.put(p + "sink", sink);
        s.put(p + "directory", directory);
        if (entities != null) {
            s.put(p + "entities", entities);
            s.put(p + "ops", ops);
        }
    }

    private static List<String> kafkaValues(Delivery delivery) {
        ChangeEvents events = new ChangeEvents(KafkaSinkSettings.from(new Settings(k -> java.util.Optional.empty())));
        return delivery.changes().changes().stream()
                .map(c -> new String(events.event(delivery, c).value(), StandardCharsets.UTF_8)).toList();
    }

    /** Every file under the folder, temporary ones included, so a file left half-written would show. */
    private static List<Path> files(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}

package org.rosterbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.embedded.EmbeddedKafka;
import org.rosterbridge.embedded.KafkaBroker;
import org.rosterbridge.sink.kafka.TopicReader;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.XporterSimulator;
import org.rosterbridge.testing.LogCapture;

/** The commands as an operator runs them, in-process, against the stand-in Xporter: exit codes and output. */
class CommandsIT {
    static final SimulatedSchool SCHOOL = SimulatedSchool.secondary("3281110", "cli-rp", "the-real-s3cret",
            "Northfield Academy").withSize(60, 8);

    @TempDir
    Path state;
    XporterSimulator simulator;
    String out;
    String err;

    @BeforeEach
    void start() {
        simulator = XporterSimulator.builder().school(SCHOOL).start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    int run(String command, String secret, String... more) {
        List<String> args = new ArrayList<>(List.of(command,
                "-D", "xporter.base-url=" + simulator.baseUrl(),
                "-D", "xporter.rp=" + SCHOOL.rp(),
                "-D", "xporter.estab=" + SCHOOL.estab(),
                "-D", "xporter.secret=" + secret,
                "-D", "xporter.page-size=50",
                "-D", "gateway.state-dir=" + state,
                "-D", "csv.enabled=false"));
        args.addAll(List.of(more));
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            return RosterbridgeCommand.commandLine().execute(args.toArray(String[]::new));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            out = o.toString(StandardCharsets.UTF_8);
            err = e.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void syncExitsZeroAndPrintsTheExtractionTable() {
        int code = run("sync", SCHOOL.secret());

        assertThat(code).as(err).isZero();
        assertThat(out).contains("3281110: completed", "users", "enrollments", "total");
        assertThat(simulator.requests(SCHOOL.estab()).tokenRequests()).isEqualTo(1);
    }

    @Test
    void syncWithAWrongSecretExitsNonZeroWithOneLineNamingTheSchoolAndNeverTheSecret() {
        try (LogCapture logs = new LogCapture()) {
            int code = run("sync", "a-wrong-s3cret");

            assertThat(code).isEqualTo(RosterbridgeCommand.FAILED);
            assertThat(err.lines().filter(l -> l.contains("FAILED"))).singleElement().asString()
                    .contains("3281110", "rp 'cli-rp'", "refused the credentials");
            assertThat(out + err + logs.text()).doesNotContain("a-wrong-s3cret").doesNotContain(SCHOOL.secret());
            assertThat(logs.text()).doesNotContain("Stacktrace", "\tat org.apache.camel");
            assertThat(simulator.requests(SCHOOL.estab()).tokenRequests()).isBetween(1, 2);
            assertThat(simulator.requests(SCHOOL.estab()).requestCount()).isZero();
        }
    }

    @Test
    void aRouteThatCannotBeCreatedIsAConfigurationErrorInOneLine() throws Exception {
        Path route = java.nio.file.Files.writeString(state.resolve("broken.camel.yaml"), """
                - route:
                    id: broken-example
                    from:
                      uri: direct:broken-example
                      steps:
                        - to:
                            uri: "no-such-component:anywhere"
                """);

        int code = run("sync", SCHOOL.secret(), "-D", "gateway.routes=file:" + route);

        assertThat(code).isEqualTo(RosterbridgeCommand.CONFIGURATION);
        assertThat(err.lines().filter(l -> !l.isBlank())).singleElement().asString()
                .startsWith("sync: ").contains("no-such-component");
    }

    @Test
    void checkReachesTheVersionEndpointsAndObtainsAToken() {
        assertThat(run("check", SCHOOL.secret())).as(err).isZero();
        assertThat(out).contains("/version: ", "Xporter (simulated)", "/auth/version: ", "token obtained");

        assertThat(run("check", "a-wrong-s3cret")).isEqualTo(RosterbridgeCommand.FAILED);
        assertThat(err).contains("problem: ", "3281110").doesNotContain("a-wrong-s3cret");
    }

    @Test
    void demoRunsTwoSyncsAroundTheDayTwoChangesAndExitsZero() {
        PrintStream stdout = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            code = RosterbridgeCommand.commandLine().execute("demo", "--pupils", "100");
        } finally {
            System.setOut(stdout);
        }
        String text = o.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text).isZero();
        assertThat(text).contains("1. Simulated Xporter at http://127.0.0.1:", "3. First sync: 3281110",
                "4. Day two at the school:", "5. Second sync: 3281110", "completed", "Where to look:",
                "OneRoster CSV bundles delivered over SFTP:", "-bulk.zip.sha256", "-delta.zip",
                "sftp -P ", "rosterbridge@127.0.0.1:outbox/3281110/oneroster-3281110-");
        // a users row in each sync's extraction table and each sync's kafka and csv changes, and in the day-two script's
        assertThat(text.lines().filter(l -> l.startsWith("users "))).hasSize(7);

        assertThat(text).contains("6. Events on Kafka, read back from 127.0.0.1:");
        for (String collection : List.of("orgs", "academicSessions", "courses", "classes", "users", "enrollments",
                "rosters")) {
            // topic, day 1, created, updated, deleted, tombstones: every record of day one is news
            assertThat(text.lines().filter(l -> l.matches("oneroster\\." + collection + " +1 +[1-9][0-9,]* +0 +0 +0")))
                    .as(collection + " on day one in:%n%s", text).hasSize(1);
        }
        // the day-two script deletes users, so day two has deletes and their tombstones on the users topic
        assertThat(text.lines().filter(l -> l.matches("oneroster\\.users +2 +[0-9,]+ +[1-9][0-9,]* +([1-9][0-9,]*) +\\1")))
                .as(text).hasSize(1);
        assertThat(text).contains("A day-two event as a consumer receives it:", "key: 3281110/",
                "ce_type: org.rosterbridge.oneroster.user.updated", "ce_source: /rosterbridge/xporter/3281110",
                "\"op\" : \"updated\"", "\"before\" : {", "\"after\" : {",
                "kafka-console-consumer.sh --bootstrap-server 127.0.0.1:", "--topic oneroster.users --from-beginning");
    }

    @Test
    @ExtendWith(KafkaBroker.class)
    void checkReportsAKafkaBrokerThatAnswers(EmbeddedKafka kafka) {
        int code = run("check", SCHOOL.secret(), "-D", "kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "-D", "kafka.topic-prefix=check-up");

        assertThat(code).as(err).isZero();
        assertThat(out).contains("kafka " + kafka.bootstrapServers() + ": reachable, topics in place");
    }

    @Test
    void checkReportsAKafkaBrokerThatIsDownInOneLineSayingWhatToDo() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        int code = run("check", SCHOOL.secret(), "-D", "kafka.bootstrap-servers=127.0.0.1:" + closedPort,
                "-D", "kafka.max-block=2s", "-D", "kafka.request-timeout=1s");

        assertThat(code).isEqualTo(RosterbridgeCommand.FAILED);
        assertThat(out).contains("token obtained");
        assertThat(err.lines().filter(l -> l.startsWith("problem: kafka: "))).singleElement().asString()
                .contains("127.0.0.1:" + closedPort, "did not answer within 2000 ms", "KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    @ExtendWith(KafkaBroker.class)
    void syncPublishesTheSchoolToKafkaWhenABrokerIsSet(EmbeddedKafka kafka) {
        int code = run("sync", SCHOOL.secret(), "-D", "kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "-D", "kafka.topic-prefix=cli-sync");

        assertThat(code).as(err).isZero();
        List<String> keys = TopicReader.readAll(kafka.bootstrapServers(), "cli-sync.users", Duration.ofSeconds(30))
                .stream().map(r -> r.key()).toList();
        // the extraction table's users row: entity, pages, requests, records, active, ...
        String[] users = out.lines().filter(l -> l.startsWith("users ")).findFirst().orElseThrow().split(" +");
        int active = Integer.parseInt(users[4].replace(",", ""));
        assertThat(active).isPositive();
        assertThat(keys).hasSize(active).doesNotHaveDuplicates().allMatch(k -> k.startsWith("3281110/"));
    }
}

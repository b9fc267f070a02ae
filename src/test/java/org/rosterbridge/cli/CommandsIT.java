package org.rosterbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
                "OneRoster CSV bundles delivered over SFTP:", "-bulk.zip.sha256", "-delta.zip");
        // a users row in each sync's extraction table and each sync's csv changes, and in the day-two script's
        assertThat(text.lines().filter(l -> l.startsWith("users "))).hasSize(5);
    }
}

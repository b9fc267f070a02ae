package org.rosterbridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.model.Entity;
import org.rosterbridge.simulator.SchoolFaults;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.XporterSimulator;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.testing.LogCapture;
import org.rosterbridge.testing.SimulatedGateway;

/** Neither a school's secret nor a bearer token reaches a log line, whatever happens during a run. */
class XporterSecretsIT {
    static final SimulatedSchool SCHOOL = XporterExtractionIT.SCHOOL;
    static final String WRONG_SECRET = "wr0ng-s3cret-value";

    @TempDir
    Path state;

    @Test
    void noSecretAndNoTokenIsEverLogged() {
        try (LogCapture logs = new LogCapture();
             XporterSimulator simulator = XporterSimulator.builder().school(SCHOOL).start()) {
            SchoolFaults faults = simulator.faults(SCHOOL.estab());
            faults.failNext(Entity.USERS, 1, 401).failNext(Entity.CLASSES, 2, 500)
                    .failNext(Entity.COURSES, 1, SchoolFaults.Failure.retryAfter(429, 1));
            try (SimulatedGateway gateway = SimulatedGateway.start(SimulatedGateway.settings(simulator, SCHOOL,
                    state, Map.of()))) {
                assertThat(gateway.sync().outcome()).isEqualTo(RunOutcome.COMPLETED);
                faults.malformedPage(Entity.ENROLLMENTS, 50, SchoolFaults.Malformation.TRUNCATED);
                assertThat(gateway.sync().outcome()).isEqualTo(RunOutcome.FAILED);
            }
            try (SimulatedGateway gateway = SimulatedGateway.start(SimulatedGateway.settings(simulator, SCHOOL,
                    state.resolve("wrong"), Map.of("xporter.secret", WRONG_SECRET)))) {
                assertThat(gateway.sync().outcome()).isEqualTo(RunOutcome.FAILED);
            }

            String text = logs.text();
            // the log saw the retries and the failures, so the absence below means something
            assertThat(text).contains("retry 1 of", "the token was refused", "malformed page",
                    "refused the credentials");
            assertThat(simulator.issuedTokens()).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(token -> assertThat(text).doesNotContain(token));
            assertThat(text).doesNotContain(SCHOOL.secret()).doesNotContain(WRONG_SECRET);
        }
    }
}

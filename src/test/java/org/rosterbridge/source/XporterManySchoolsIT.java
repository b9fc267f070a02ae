package org.rosterbridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.Gateway;
import org.rosterbridge.model.Entity;
import org.rosterbridge.simulator.SchoolGenerator;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.XporterSimulator;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.sync.RunReport;
import org.rosterbridge.testing.LogCapture;

/** Several schools, each with its own secret, synced at once through a small connection pool. */
class XporterManySchoolsIT {
    @TempDir
    Path dir;

    @Test
    void schoolsQueueBehindTheRequestLimitWithoutFailingOrRetrying() throws Exception {
        List<SimulatedSchool> schools = SimulatedSchool.numbered(3, "partner-rp", 40, 5, 11);
        StringBuilder yaml = new StringBuilder("schools:\n");
        for (SimulatedSchool s : schools) {
            yaml.append("  - estab: \"").append(s.estab()).append("\"\n    name: ").append(s.name())
                    .append("\n    secret: ").append(s.secret()).append('\n');
        }
        Path file = Files.writeString(dir.resolve("schools.yaml"), yaml, StandardCharsets.UTF_8);

        try (LogCapture logs = new LogCapture();
             XporterSimulator simulator = XporterSimulator.builder().schools(schools)
                     .latency(Duration.ofMillis(20)).start();
             Gateway gateway = Gateway.start(Map.of("xporter.base-url", simulator.baseUrl(),
                     "xporter.rp", "partner-rp", "xporter.schools-file", file.toString(),
                     "xporter.page-size", "50", "xporter.max-concurrent-requests", "2",
                     "gateway.max-concurrent-schools", "3", "gateway.state-dir", dir.resolve("state").toString(),
                     "csv.enabled", "false"))) {
            List<RunReport> reports = gateway.sync();

            assertThat(reports).hasSize(3).allSatisfy(r ->
                    assertThat(r.outcome()).as(r.reason()).isEqualTo(RunOutcome.COMPLETED));
            for (SimulatedSchool s : schools) {
                var requests = simulator.requests(s.estab());
                assertThat(requests.tokenRequests()).isEqualTo(1);
                int pages = SchoolGenerator.generate(s).records(Entity.ENROLLMENTS).size()
                        / 50 + 1;
                assertThat(requests.requests(Entity.ENROLLMENTS)).hasSize(pages);
            }
            // waiting for one of the two connections is queueing, not a failure to retry
            assertThat(logs.text()).doesNotContain("retry 1 of");
        }
    }
}

package org.rosterbridge.sink.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.model.Entity;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.XporterSimulator;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.sync.RunReport;
import org.rosterbridge.testing.SimulatedGateway;

/** The example custom mapping, as a school's CSV bundle written by the whole gateway. */
class ExampleMappingIT {
    private static final SimulatedSchool SCHOOL = SimulatedSchool.secondary("3281130", "test-rp", "correct-horse-3",
            "Westfield School").withSize(60, 8);

    @TempDir
    Path state;
    @TempDir
    Path out;

    @Test
    void theUsersDirectoryMappingWritesOnlyOrgsAndUsersWithItsOwnColumns() throws IOException {
        try (XporterSimulator simulator = XporterSimulator.builder().school(SCHOOL).start();
             SimulatedGateway g = SimulatedGateway.start(SimulatedGateway.settings(simulator, SCHOOL, state, Map.of(
                     "csv.enabled", "true",
                     "csv.mapping", "classpath:mappings/examples/users-directory.yaml",
                     "gateway.output-dir", out.toString())))) {
            RunReport report = g.sync();

            assertThat(report.outcome()).as(report.reason()).isEqualTo(RunOutcome.COMPLETED);
            Path zip;
            try (Stream<Path> files = Files.list(out.resolve(SCHOOL.estab()))) {
                zip = files.filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
            }
            Map<String, List<String>> entries = unzip(Files.readAllBytes(zip));
            assertThat(entries.keySet()).containsExactlyInAnyOrder("manifest.csv", "orgs.csv", "users.csv");
            assertThat(entries.get("users.csv").get(0)).isEqualTo(
                    "sourcedId,status,dateLastModified,orgSourcedIds,role,givenName,familyName,email");
            assertThat(entries.get("users.csv")).hasSize(1 + report.extraction().get(Entity.USERS).active());
            assertThat(entries.get("manifest.csv")).contains("file.users,bulk", "file.enrollments,absent");
        }
    }

    private static Map<String, List<String>> unzip(byte[] zip) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            }
        }
        return out;
    }
}

package org.rosterbridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.config.SchoolsConfig;
import org.rosterbridge.config.Settings;
import org.rosterbridge.model.School;
import org.rosterbridge.simulator.RecordShape;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.XporterSimulator;
import picocli.CommandLine;

class SimulatorCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheBaseUrlAndCredentialsAndWritesASchoolsFileTheGatewayReads() throws Exception {
        SimulatorCommand command = new SimulatorCommand();
        Path file = dir.resolve("schools.yaml");
        new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true).parseArgs("--port", "0", "--schools", "2", "--pupils", "40", "--shape", "mixed",
                "--write-schools-file", file.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        try (XporterSimulator simulator = command.start(new PrintStream(bytes, true, StandardCharsets.UTF_8))) {
            String out = bytes.toString(StandardCharsets.UTF_8);
            List<SimulatedSchool> served = simulator.schools();
            assertThat(out).contains("Xporter simulator: " + simulator.baseUrl(), "XPORTER_BASE_URL="
                    + simulator.baseUrl() + " XPORTER_RP=demo-rp XPORTER_ESTAB=3281110");
            assertThat(served).extracting(SimulatedSchool::shape)
                    .containsExactly(RecordShape.XPORTER, RecordShape.STANDARD);
            served.forEach(s -> assertThat(out).contains(s.estab(), s.secret(), s.name()));

            List<School> configured = SchoolsConfig.load(Settings.of(Map.of("xporter.schools-file",
                    file.toString())));
            assertThat(configured).extracting(School::estab).containsExactly("3281110", "3281111");
            for (int i = 0; i < served.size(); i++) {
                assertThat(configured.get(i).secret().reveal()).isEqualTo(served.get(i).secret());
                assertThat(configured.get(i).rp()).isEqualTo("demo-rp");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameSecrets() {
        assertThat(SimulatedSchool.numbered(3, "rp", 40, 4, 5)).isEqualTo(SimulatedSchool.numbered(3, "rp", 40, 4, 5));
        assertThat(SimulatedSchool.numbered(1, "rp", 40, 4, 5).get(0).secret())
                .isNotEqualTo(SimulatedSchool.numbered(1, "rp", 40, 4, 6).get(0).secret());
    }
}

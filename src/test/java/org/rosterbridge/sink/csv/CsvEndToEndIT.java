package org.rosterbridge.sink.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.embedded.EmbeddedSftp;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.Secret;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.simulator.DayTwo;
import org.rosterbridge.simulator.ExpectedChange;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.XporterSimulator;
import org.rosterbridge.sync.Delivery;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.sync.RunReport;
import org.rosterbridge.testing.SimulatedGateway;

/**
 * The whole gateway, extracting from the stand-in Xporter over HTTP, delivering OneRoster CSV bundles to a real SFTP
 * server: what a school's legacy system finds in its folder after day one, after day two, and after a day when the
 * server was down.
 */
class CsvEndToEndIT {
    private static final String ESTAB = "3281110";

    @TempDir
    Path dir;

    private XporterSimulator simulator;
    private EmbeddedSftp sftp;
    private SimulatedGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (sftp != null) {
            sftp.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    private EmbeddedSftp startSftp(int port) {
        return EmbeddedSftp.builder(dir.resolve("remote"), dir.resolve("sftp-state")).password(Secret.of("pw-e2e"))
                .port(port).start();
    }

    private void start(SimulatedSchool school, String mode) {
        simulator = XporterSimulator.builder().school(school).start().prepare();
        sftp = startSftp(0);
        Map<String, String> extra = new HashMap<>();
        extra.put("xporter.page-size", "1000");
        extra.put("csv.enabled", "true");
        extra.put("csv.mode", mode);
        extra.put("sftp.host", sftp.host());
        extra.put("sftp.port", "" + sftp.port());
        extra.put("sftp.username", "rosterbridge");
        extra.put("sftp.password", "pw-e2e");
        extra.put("sftp.known-hosts-file", sftp.knownHostsFile().toString());
        extra.put("sftp.directory", "outbox");
        gateway = SimulatedGateway.start(SimulatedGateway.settings(simulator, school, dir.resolve("state"), extra));
    }

    private RunReport sync() {
        return gateway.sync();
    }

    private Path school() {
        return sftp.root().resolve("outbox").resolve(ESTAB);
    }

    /** The newest zip of a kind in the school's folder. */
    private byte[] newest(String mode) throws IOException {
        List<String> zips = SftpDeliveryIT.files(school()).stream().filter(n -> n.endsWith("-" + mode + ".zip"))
                .sorted().toList();
        assertThat(zips).as(mode + " bundles").isNotEmpty();
        return Files.readAllBytes(school().resolve(zips.get(zips.size() - 1)));
    }

    private static void assertCompleteBulk(byte[] zip, Snapshot staged) {
        assertThat(new BundleValidator(CsvMapping.standard()).validate(zip)).isEmpty();
        for (Entity e : Entity.SOURCE) {
            List<String> active = staged.records(e).values().stream().filter(RecordVersion::active)
                    .map(RecordVersion::sourcedId).toList();
            assertThat(Bundles.rows(zip, e.collection() + ".csv").keySet()).as(e.collection())
                    .containsExactlyElementsOf(active);
        }
    }

    /** file/sourcedId/status of every row of a delta. */
    private static Set<String> rowsOf(byte[] delta) {
        Set<String> out = new HashSet<>();
        for (Entity e : Entity.SOURCE) {
            Bundles.rows(delta, e.collection() + ".csv").forEach((id, row) ->
                    out.add(e.collection() + "/" + id + "/" + row.get("status")));
        }
        return out;
    }

    private static Set<String> expectedRows(DayTwo dayTwo) {
        Set<String> out = new HashSet<>();
        for (ExpectedChange c : dayTwo.expected()) {
            if (c.entity().fromSource()) {
                out.add(c.entity().collection() + "/" + c.sourcedId() + "/"
                        + (c.op() == ChangeOp.DELETED ? "tobedeleted" : "active"));
            }
        }
        return out;
    }

    @Test
    void dayOneDeliversACompleteBulkAndDayTwoADeltaOfExactlyTheChanges() throws Exception {
        start(SimulatedSchool.secondary(ESTAB, "partner-rp", "s3cret-e2e", "Northfield Academy"), "both");

        RunReport day1 = sync();
        assertThat(day1.outcome()).as(day1.reason()).isEqualTo(RunOutcome.COMPLETED);
        Delivery first = gateway.deliveries().get(0);
        byte[] bulk1 = newest("bulk");
        assertCompleteBulk(bulk1, first.staged());

        // what a full bulk bundle of a secondary school costs: built, validated, uploaded and renamed (warm)
        for (int i = 0; i < 3; i++) {
            Delivery again = new Delivery("csv", first.school(), "measure-" + i, Instant.now(), first.staged(),
                    first.staged(), org.rosterbridge.change.ChangeSet.none(ESTAB));
            long start = System.nanoTime();
            gateway.gateway().context().createProducerTemplate().requestBody("direct:sink-csv", again);
            System.out.printf("secondary school over SFTP: %d records (%d enrollments), bulk zip %d bytes, "
                    + "built+validated+delivered in %d ms%n", first.staged().sourceSize(),
                    first.staged().size(Entity.ENROLLMENTS), bulk1.length, (System.nanoTime() - start) / 1_000_000);
        }

        DayTwo dayTwo = simulator.applyDayTwo(ESTAB);
        RunReport day2 = sync();
        assertThat(day2.outcome()).as(day2.reason()).isEqualTo(RunOutcome.COMPLETED);
        Delivery second = gateway.deliveries().get(1);

        byte[] delta = newest("delta");
        assertThat(new BundleValidator(CsvMapping.standard()).validate(delta)).isEmpty();
        assertThat(rowsOf(delta)).containsExactlyInAnyOrderElementsOf(expectedRows(dayTwo));
        byte[] bulk2 = newest("bulk");
        assertCompleteBulk(bulk2, second.staged());
        assertThat(new String(bulk2, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("tobedeleted");
    }

    @Test
    void aDayWithTheServerDownFailsTheRunKeepsTheCsvPositionAndTheNextRunDeliversEverything() throws Exception {
        start(SimulatedSchool.secondary(ESTAB, "partner-rp", "s3cret-e2e", "Northfield Academy").withSize(60, 8),
                "delta");
        RunReport day1 = sync();
        assertThat(day1.outcome()).as(day1.reason()).isEqualTo(RunOutcome.COMPLETED);
        String csvPosition = gateway.gateway().store().positions(ESTAB).get("csv");
        int port = sftp.port();
        sftp.close();

        DayTwo dayTwo = simulator.applyDayTwo(ESTAB);
        RunReport down = sync();

        assertThat(down.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(down.reason()).startsWith("csv failed");
        Map<String, String> positions = gateway.gateway().store().positions(ESTAB);
        assertThat(positions.get("csv")).isEqualTo(csvPosition);
        assertThat(positions.get("probe")).isEqualTo(down.runId());

        sftp = startSftp(port);
        List<String> before = new ArrayList<>(SftpDeliveryIT.files(school()));
        RunReport next = sync();

        assertThat(next.outcome()).as(next.reason()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(gateway.gateway().store().positions(ESTAB).get("csv")).isEqualTo(next.runId());
        List<String> after = new ArrayList<>(SftpDeliveryIT.files(school()));
        after.removeAll(before);
        assertThat(after).hasSize(2).allMatch(n -> n.contains("-delta.zip"));
        byte[] delta = newest("delta");
        assertThat(new BundleValidator(CsvMapping.standard()).validate(delta)).isEmpty();
        assertThat(rowsOf(delta)).containsExactlyInAnyOrderElementsOf(expectedRows(dayTwo));
    }
}

package org.rosterbridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.change.Change;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.simulator.DayTwo;
import org.rosterbridge.simulator.ExpectedChange;
import org.rosterbridge.simulator.RecordShape;
import org.rosterbridge.simulator.RequestLog;
import org.rosterbridge.simulator.SchoolFaults;
import org.rosterbridge.simulator.SchoolGenerator;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.XporterSimulator;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.sync.RunReport;
import org.rosterbridge.testing.SimulatedGateway;

/** Paging and tokens of a full extraction, through the real routes, against the stand-in Xporter over HTTP. */
class XporterExtractionIT {
    /** 80 pupils and 10 staff: 90 users, so a page size of 45 divides the users exactly. */
    static final SimulatedSchool SCHOOL = SimulatedSchool.secondary("3281110", "test-rp", "correct-horse-9",
            "Northfield Academy").withSize(80, 10);

    @TempDir
    Path state;
    XporterSimulator simulator;
    SimulatedGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    RunReport sync(SimulatedSchool school, Map<String, String> extra) {
        if (simulator == null) {
            simulator = XporterSimulator.builder().school(school).start();
        }
        gateway = SimulatedGateway.start(SimulatedGateway.settings(simulator, school, state, extra));
        return gateway.sync();
    }

    RequestLog log() {
        return simulator.requests(SCHOOL.estab());
    }

    SchoolFaults faults() {
        return simulator.faults(SCHOOL.estab());
    }

    @Test
    void oneTokenServesEveryPageOfEveryEntityAndEveryPageAsksForALimit() {
        RunReport report = sync(SCHOOL, Map.of());

        assertThat(report.outcome()).as(report.reason()).isEqualTo(RunOutcome.COMPLETED);
        var expected = SchoolGenerator.generate(SCHOOL);
        for (Entity e : Entity.SOURCE) {
            assertThat(report.extraction().get(e).records()).as(e.collection()).isEqualTo(expected.size(e));
        }
        assertThat(log().tokenRequests()).isEqualTo(1);
        assertThat(log().requests()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.param("limit")).isEqualTo("50");
            assertThat(r.param("offset")).isNotNull();
            assertThat(r.status()).isEqualTo(200);
        });
        assertThat(gateway.deliveries()).singleElement().satisfies(d ->
                assertThat(d.staged().sourceSize()).isEqualTo(expected.size()));
        assertThat(gateway.gateway().store().positions(SCHOOL.estab())).containsKey("probe");
    }

    @Test
    void pagingStopsAtTheFirstShortPage() {
        sync(SCHOOL, Map.of());

        // 90 users in pages of 50: a full page, then a short one, then nothing more
        assertThat(log().requests(Entity.USERS)).extracting(r -> r.param("offset")).containsExactly("0", "50");
        int enrollments = SchoolGenerator.generate(SCHOOL).size(Entity.ENROLLMENTS);
        assertThat(log().requests(Entity.ENROLLMENTS)).hasSize(enrollments / 50 + 1);
    }

    @Test
    void aCollectionThatFillsItsLastPageExactlyCostsOneEmptyPage() {
        RunReport report = sync(SCHOOL, Map.of("xporter.page-size", "45"));

        assertThat(report.outcome()).as(report.reason()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(log().requests(Entity.USERS)).extracting(r -> r.param("offset"))
                .containsExactly("0", "45", "90");
        assertThat(report.extraction().get(Entity.USERS).records()).isEqualTo(90);
        assertThat(report.extraction().get(Entity.USERS).pages()).isEqualTo(3);
    }

    @Test
    void anEmptyCollectionIsOneRequestAndNoRecords() {
        simulator = XporterSimulator.builder().school(SCHOOL).start();
        faults().emptyCollection(Entity.COURSES);

        RunReport report = sync(SCHOOL, Map.of());

        assertThat(report.outcome()).as(report.reason()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(log().requests(Entity.COURSES)).singleElement().satisfies(r ->
                assertThat(r.param("offset")).isEqualTo("0"));
        assertThat(report.extraction().get(Entity.COURSES).records()).isZero();
        assertThat(gateway.deliveries().get(0).staged().size(Entity.COURSES)).isZero();
    }

    @Test
    void theTokenIsRefreshedBeforeItExpiresRatherThanAfterARefusal() {
        simulator = XporterSimulator.builder().school(SCHOOL).latency(Duration.ofMillis(90)).start();
        faults().tokenLifetime(Duration.ofSeconds(2));

        RunReport report = sync(SCHOOL, Map.of("xporter.page-size", "25"));

        assertThat(report.outcome()).as(report.reason()).isEqualTo(RunOutcome.COMPLETED);
        int refreshes = log().tokenRequests() - 1;
        long refused = log().requests().stream().filter(r -> r.status() == 401).count();
        assertThat(refreshes).isGreaterThanOrEqualTo(1);
        // a refresh only after a refusal would cost a 401 each time; on a busy machine a request may still
        // reach the server after its token's last tenth of life, so not every refresh has to be early
        assertThat(refused).isLessThan(refreshes);
    }

    @Test
    void recordsInsertedDuringPagingAreDetectedAndTheSnapshotHoldsEachRecordOnce() {
        simulator = XporterSimulator.builder().school(SCHOOL).start();
        faults().driftAfterPage(Entity.USERS, 1, SchoolFaults.Drift.INSERT);

        RunReport report = sync(SCHOOL, Map.of());

        assertThat(report.outcome()).as(report.reason()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(report.extraction().get(Entity.USERS).duplicates()).isEqualTo(1);
        Snapshot staged = gateway.deliveries().get(0).staged();
        assertThat(staged.size(Entity.USERS)).isEqualTo(91);
        assertThat(staged.records(Entity.USERS).keySet())
                .containsAll(SchoolGenerator.generate(SCHOOL).records(Entity.USERS).keySet());
        // the entity was extracted again from the start once the repeat was seen
        assertThat(log().requests(Entity.USERS)).extracting(r -> r.param("offset"))
                .containsExactly("0", "50", "0", "50");
    }

    @Test
    void aRecordDeletedDuringPagingIsCaughtByTheTotalCountAndExtractedAgain() {
        simulator = XporterSimulator.builder().school(SCHOOL).totalCountHeader(true).start();
        faults().driftAfterPage(Entity.USERS, 1, SchoolFaults.Drift.DELETE);

        RunReport report = sync(SCHOOL, Map.of());

        assertThat(report.outcome()).as(report.reason()).isEqualTo(RunOutcome.COMPLETED);
        // without a second pass the record that slid from offset 50 to 49 would be missing, and so deleted
        List<String> remaining = SchoolGenerator.generate(SCHOOL).records(Entity.USERS).keySet().stream().skip(1)
                .toList();
        assertThat(gateway.deliveries().get(0).staged().records(Entity.USERS).keySet())
                .containsExactlyInAnyOrderElementsOf(remaining);
        assertThat(log().requests(Entity.USERS)).extracting(r -> r.param("offset"))
                .containsExactly("0", "50", "0", "50");
    }

    @Test
    void theSecondRunDeliversExactlyTheDayTwoChanges() {
        RunReport first = sync(SCHOOL, Map.of());
        assertThat(first.outcome()).as(first.reason()).isEqualTo(RunOutcome.COMPLETED);
        DayTwo dayTwo = simulator.applyDayTwo(SCHOOL.estab());

        RunReport second = gateway.sync();

        assertThat(second.outcome()).as(second.reason()).isEqualTo(RunOutcome.COMPLETED);
        List<Change> delivered = gateway.deliveries().get(1).changes().changes().stream()
                .filter(c -> c.entity().fromSource()).toList();
        assertThat(delivered).extracting(c -> new ExpectedChange(c.entity(), c.sourcedId(), c.reason()))
                .containsExactlyInAnyOrderElementsOf(dayTwo.expected());
        // the run report counts the same changes, plus the roster rows derived from them
        var reported = new java.util.EnumMap<>(second.changes().get("probe"));
        assertThat(reported.remove(Entity.ROSTERS)).isNotEmpty();
        assertThat(reported).isEqualTo(dayTwo.counts());
    }

    @Test
    void xporterAndStandardShapesGiveTheSameCanonicalRecords() {
        List<Snapshot> snapshots = new java.util.ArrayList<>();
        for (RecordShape shape : RecordShape.values()) {
            simulator = XporterSimulator.builder().school(SCHOOL.withShape(shape)).start();
            RunReport report = sync(SCHOOL.withShape(shape), Map.of("gateway.state-dir",
                    state.resolve(shape.name()).toString()));
            assertThat(report.outcome()).as(report.reason()).isEqualTo(RunOutcome.COMPLETED);
            snapshots.add(gateway.deliveries().get(0).staged());
            gateway.close();
            gateway = null;
            simulator.close();
            simulator = null;
        }
        Snapshot xporter = snapshots.get(0);
        Snapshot standard = snapshots.get(1);
        for (Entity e : Entity.SOURCE) {
            assertThat(xporter.records(e).keySet()).as(e.collection())
                    .containsExactlyElementsOf(standard.records(e).keySet());
            xporter.records(e).forEach((id, v) -> assertThat(new String(v.json(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(standard.get(e, id).json(), StandardCharsets.UTF_8)));
        }
    }
}

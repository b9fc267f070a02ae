package org.rosterbridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.model.Entity;
import org.rosterbridge.simulator.RequestLog;
import org.rosterbridge.simulator.SchoolFaults;
import org.rosterbridge.simulator.SchoolFaults.Failure;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.XporterSimulator;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.sync.RunReport;
import org.rosterbridge.testing.SimulatedGateway;

/** What each documented status code does to a run, against the stand-in Xporter over HTTP. */
class XporterFailuresIT {
    static final SimulatedSchool SCHOOL = XporterExtractionIT.SCHOOL;

    @TempDir
    Path state;
    XporterSimulator simulator;
    SimulatedGateway gateway;

    @BeforeEach
    void start() {
        simulator = XporterSimulator.builder().school(SCHOOL).start();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        simulator.close();
    }

    RunReport sync(Map<String, String> extra) {
        gateway = SimulatedGateway.start(SimulatedGateway.settings(simulator, SCHOOL, state, extra));
        return gateway.sync();
    }

    RunReport sync() {
        return sync(Map.of());
    }

    RequestLog log() {
        return simulator.requests(SCHOOL.estab());
    }

    SchoolFaults faults() {
        return simulator.faults(SCHOOL.estab());
    }

    /** A failed run hands nothing to any sink and commits nothing. */
    void nothingDownstream(RunReport report) {
        assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(gateway.deliveries()).isEmpty();
        assertThat(gateway.gateway().store().positions(SCHOOL.estab())).isEmpty();
    }

    @Test
    void a401MidRunCostsExactlyOneNewTokenAndOneRetry() {
        faults().failNext(Entity.USERS, 1, 401);

        RunReport report = sync();

        assertThat(report.outcome()).as(report.reason()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(log().tokenRequests()).isEqualTo(2);
        assertThat(log().requests(Entity.USERS)).extracting(r -> r.param("offset") + ":" + r.status())
                .containsExactly("0:401", "0:200", "50:200");
    }

    @Test
    void a401ThatPersistsAfterReauthenticationFailsTheRun() {
        faults().failNext(Entity.USERS, 5, 401);

        // one lane, so that no other entity's next page asks for a token after the second refusal dropped it
        RunReport report = sync(Map.of("xporter.entity-concurrency", "1"));

        nothingDownstream(report);
        assertThat(log().requests(Entity.USERS)).extracting(RequestLog.Request::status).containsExactly(401, 401);
        assertThat(log().tokenRequests()).isEqualTo(2);
        assertThat(report.reason()).contains("users", "401");
    }

    @Test
    void aRefusedSecretFailsTheSchoolAtOnceNamingItButNotTheSecret() {
        RunReport report = sync(Map.of("xporter.secret", "not-the-secret"));

        nothingDownstream(report);
        assertThat(report.reason()).contains("rp 'test-rp'", "estab '3281110'").doesNotContain("not-the-secret");
        assertThat(log().tokenRequests()).isBetween(1, 2);
        assertThat(log().requestCount()).isZero();
    }

    @Test
    void aTokenEndpointOutageThatClearsIsRetried() {
        faults().failTokenRequests(2, 503);

        RunReport report = sync();

        assertThat(report.outcome()).as(report.reason()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(log().tokenRequests()).isEqualTo(3);
    }

    @Test
    void aTokenEndpointThatForbidsThePartnerFailsTheSchoolWithoutRetrying() {
        faults().failTokenRequests(5, 403);

        RunReport report = sync();

        nothingDownstream(report);
        assertThat(report.reason()).contains("HTTP 403", "rp 'test-rp'", "estab '3281110'");
        assertThat(log().tokenRequests()).isEqualTo(1);
    }

    @Test
    void a400NamesTheParameterAndIsNotRetried() {
        faults().failNext(Entity.CLASSES, 1, new Failure(400, 0, "Invalid value for query parameter 'limit'"));

        RunReport report = sync();

        nothingDownstream(report);
        assertThat(report.reason()).contains("classes", "HTTP 400", "'limit'", "xporter.page-size");
        assertThat(log().requests(Entity.CLASSES)).hasSize(1);
    }

    @Test
    void a403IsNotRetriedAndNamesTheSchoolAndTheEntity() {
        faults().failAlways(Entity.ENROLLMENTS, 403);

        RunReport report = sync();

        nothingDownstream(report);
        assertThat(report.reason()).contains("school 3281110 (rp test-rp)", "enrollments", "HTTP 403");
        assertThat(log().requests(Entity.ENROLLMENTS)).hasSize(1);
    }

    @Test
    void a429IsRetriedAfterItsRetryAfter() {
        faults().failNext(Entity.USERS, 1, Failure.retryAfter(429, 1));

        RunReport report = sync();

        assertThat(report.outcome()).as(report.reason()).isEqualTo(RunOutcome.COMPLETED);
        List<RequestLog.Request> users = log().requests(Entity.USERS);
        assertThat(users).extracting(RequestLog.Request::status).containsExactly(429, 200, 200);
        assertThat(Duration.between(users.get(0).at(), users.get(1).at())).isGreaterThanOrEqualTo(
                Duration.ofMillis(950));
    }

    @Test
    void aRetryAfterLongerThanTheBoundIsCutToTheBound() {
        faults().failNext(Entity.USERS, 1, Failure.retryAfter(429, 3600));

        RunReport report = sync(Map.of("xporter.max-retry-after", "200ms"));

        assertThat(report.outcome()).as(report.reason()).isEqualTo(RunOutcome.COMPLETED);
        List<RequestLog.Request> users = log().requests(Entity.USERS);
        assertThat(Duration.between(users.get(0).at(), users.get(1).at()))
                .isBetween(Duration.ofMillis(150), Duration.ofSeconds(5));
    }

    @Test
    void aBurstOfServerErrorsThatClearsIsRetriedWithBackoff() {
        faults().failNext(Entity.ENROLLMENTS, 3, 500);

        RunReport report = sync();

        assertThat(report.outcome()).as(report.reason()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(log().requests(Entity.ENROLLMENTS)).extracting(RequestLog.Request::status)
                .startsWith(500, 500, 500, 200);
        assertThat(gateway.deliveries()).hasSize(1);
    }

    @Test
    void serverErrorsThatNeverClearFailTheRunAndNothingReachesDownstream() throws Exception {
        faults().failAlways(Entity.ENROLLMENTS, 500);

        RunReport report = sync(Map.of("xporter.max-retries", "2"));

        nothingDownstream(report);
        assertThat(log().requests(Entity.ENROLLMENTS)).hasSize(3);
        assertThat(report.reason()).contains("enrollments", "HTTP 500", "retries exhausted");
        try (Stream<Path> files = Files.walk(state)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString))
                    .noneMatch(f -> f.contains("snapshot") || f.contains("position"));
        }
    }

    @Test
    void aTruncatedPageFailsTheRun() {
        faults().malformedPage(Entity.USERS, 50, SchoolFaults.Malformation.TRUNCATED);

        RunReport report = sync();

        nothingDownstream(report);
        assertThat(report.reason()).contains("users at offset 50", "malformed page", "truncated");
    }

    @Test
    void aPageThatIsNotJsonFailsTheRun() {
        faults().malformedPage(Entity.CLASSES, 0, SchoolFaults.Malformation.NOT_JSON);

        RunReport report = sync();

        nothingDownstream(report);
        assertThat(report.reason()).contains("classes at offset 0", "malformed page");
    }

    @Test
    void aFailedRunLeavesTheLastCommittedPositionAlone() {
        RunReport first = sync();
        assertThat(first.outcome()).as(first.reason()).isEqualTo(RunOutcome.COMPLETED);
        Map<String, String> positions = gateway.gateway().store().positions(SCHOOL.estab());
        simulator.applyDayTwo(SCHOOL.estab());
        faults().failAlways(Entity.USERS, 500);

        RunReport second = gateway.sync();

        assertThat(second.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(gateway.deliveries()).hasSize(1);
        assertThat(gateway.gateway().store().positions(SCHOOL.estab())).isEqualTo(positions);
    }
}

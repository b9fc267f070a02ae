package org.rosterbridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.Gateway;
import org.rosterbridge.model.Entity;
import org.rosterbridge.simulator.RequestLog;
import org.rosterbridge.simulator.SchoolGenerator;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.XporterSimulator;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.sync.RunReport;

/** A full extraction through the real routes against the stand-in Xporter over HTTP. */
class XporterExtractionIT {
    static final SimulatedSchool SCHOOL = SimulatedSchool.secondary("3281110", "test-rp", "correct-horse-9",
            "Northfield Academy").withSize(80, 10);

    @TempDir
    Path state;
    XporterSimulator simulator;
    Gateway gateway;

    @BeforeEach
    void startSimulator() {
        simulator = XporterSimulator.builder().school(SCHOOL).start();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        simulator.close();
    }

    Map<String, String> settings() {
        Map<String, String> s = new HashMap<>();
        s.put("xporter.base-url", simulator.baseUrl());
        s.put("xporter.rp", SCHOOL.rp());
        s.put("xporter.estab", SCHOOL.estab());
        s.put("xporter.secret", SCHOOL.secret());
        s.put("xporter.page-size", "50");
        s.put("xporter.initial-backoff", "10ms");
        s.put("xporter.max-backoff", "50ms");
        s.put("gateway.state-dir", state.toString());
        s.put("csv.enabled", "false");
        return s;
    }

    RunReport sync() {
        gateway = Gateway.start(settings());
        List<RunReport> reports = gateway.sync();
        assertThat(reports).hasSize(1);
        return reports.get(0);
    }

    @Test
    void aCompleteExtractionPagesEveryEntityWithOneToken() {
        RunReport report = sync();

        assertThat(report.outcome()).as(report.reason()).isEqualTo(RunOutcome.COMPLETED);
        var expected = SchoolGenerator.generate(SCHOOL);
        for (Entity e : Entity.SOURCE) {
            assertThat(report.extraction().get(e).records()).as(e.collection()).isEqualTo(expected.size(e));
        }
        RequestLog log = simulator.requests(SCHOOL.estab());
        assertThat(log.tokenRequests()).isEqualTo(1);
        assertThat(log.requests()).allSatisfy(r -> assertThat(r.query()).startsWith("limit=50&offset="));
        int users = expected.size(Entity.USERS);
        assertThat(log.requests(Entity.USERS)).hasSize(users / 50 + 1);
    }
}

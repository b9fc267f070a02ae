package org.rosterbridge.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rosterbridge.change.SchoolData.ESTAB;
import static org.rosterbridge.change.SchoolData.enrollment;
import static org.rosterbridge.change.SchoolData.org;
import static org.rosterbridge.change.SchoolData.renamed;
import static org.rosterbridge.change.SchoolData.schoolClass;
import static org.rosterbridge.change.SchoolData.user;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.OneRosterRecord;
import org.rosterbridge.model.Snapshot;

/**
 * Runs of one school through detection, the guard and the store as the pipeline drives them, with two sinks:
 * a sink's state moves only when it delivered, so a failed delivery repeats and nothing is lost or invented.
 */
class DeliveryCycleTest {
    private static final List<String> SINKS = List.of("kafka", "csv");

    @TempDir
    Path stateDir;

    private FileSnapshotStore store;
    private MassChangeGuard guard;
    private final ChangeDetector detector = new ChangeDetector();

    private static List<OneRosterRecord> school() {
        List<OneRosterRecord> records = new ArrayList<>(List.of(org(), schoolClass("c1", "9Ma1")));
        for (int i = 0; i < 30; i++) {
            records.add(user("u" + i, "Pupil", "Number" + i));
            records.add(enrollment("e" + i, "u" + i, "c1"));
        }
        return records;
    }

    /** One run: detect per sink, ask the guard, deliver to the sinks that work, commit those. */
    private Map<String, Detection> run(String runId, Snapshot staged, Set<String> failing) {
        Map<String, Snapshot> committed = store.committed(ESTAB, SINKS);
        Map<String, Detection> detections = detector.detectEach(committed, staged);
        Verdict verdict = guard.decide(ESTAB, runId, staged, committed.values());
        if (verdict.held()) {
            return detections;
        }
        for (String sink : SINKS) {
            if (!failing.contains(sink)) {
                store.commit(ESTAB, sink, runId, detections.get(sink).stagedWithRosters());
            }
        }
        if (failing.isEmpty()) {
            guard.runCommitted(ESTAB, verdict);
        }
        return detections;
    }

    private static List<String> described(Detection d) {
        return d.changes().changes().stream().map(c -> c.entity() + " " + c.sourcedId() + " " + c.reason().wire())
                .toList();
    }

    @Test
    void aSinkThatFailedGetsTheSameChangesAgainWhileTheOtherMovesOn() {
        store = new FileSnapshotStore(stateDir);
        guard = new MassChangeGuard(ChangeSettings.defaults(), store);
        run("run-1", SchoolData.snapshot(school()), Set.of());
        List<OneRosterRecord> day2 = school();
        day2.set(2, renamed(user("u0", "Pupil", "Number0"), "Renamed"));
        Snapshot staged2 = SchoolData.snapshot(day2);

        Map<String, Detection> failedRun = run("run-2", staged2, Set.of("kafka"));
        Map<String, Detection> nextRun = run("run-3", staged2, Set.of());

        assertThat(described(failedRun.get("kafka")))
                .containsExactly("users u0 modified", "rosters e0 modified");
        assertThat(described(nextRun.get("kafka"))).as("the failed sink is told again")
                .isEqualTo(described(failedRun.get("kafka")));
        assertThat(described(nextRun.get("csv"))).as("the sink that delivered is not told twice").isEmpty();
        assertThat(store.positions(ESTAB)).isEqualTo(Map.of("kafka", "run-3", "csv", "run-3"));
    }

    @Test
    void aHeldRunDeliversNothingAndTheApprovedRunDeliversItAll() {
        store = new FileSnapshotStore(stateDir);
        guard = new MassChangeGuard(ChangeSettings.defaults(), store);
        run("run-1", SchoolData.snapshot(school()), Set.of());
        // the export lost two thirds of the pupils
        List<OneRosterRecord> shrunk = school().stream()
                .filter(r -> !(r.entity() == Entity.USERS || r.entity() == Entity.ENROLLMENTS)
                        || Integer.parseInt(r.sourcedId().substring(1)) < 10)
                .toList();
        Snapshot staged = SchoolData.snapshot(shrunk);

        run("run-2", staged, Set.of());

        assertThat(store.positions(ESTAB)).isEqualTo(Map.of("kafka", "run-1", "csv", "run-1"));
        assertThat(guard.pendingHolds()).extracting(Hold::runId).containsExactly("run-2");

        guard.approve(ESTAB, "ops");
        Map<String, Detection> approved = run("run-3", staged, Set.of());

        assertThat(approved.get("kafka").changes().counts().get(Entity.USERS)).containsEntry(ChangeOp.DELETED, 20);
        assertThat(approved.get("kafka").changes().of(Entity.ROSTERS)).extracting(Change::reason)
                .containsOnly(ChangeReason.MISSING).hasSize(20);
        assertThat(store.positions(ESTAB)).isEqualTo(Map.of("kafka", "run-3", "csv", "run-3"));
        assertThat(guard.pendingHolds()).isEmpty();
        assertThat(store.approval(ESTAB)).isEmpty();
        assertThat(store.committed(ESTAB, "kafka").records(Entity.ROSTERS)).hasSize(10);
        assertThat(store.committed(ESTAB, "kafka").records(Entity.USERS)).hasSize(10);
    }
}

package org.rosterbridge.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.rosterbridge.change.SchoolData.ESTAB;
import static org.rosterbridge.change.SchoolData.enrollment;
import static org.rosterbridge.change.SchoolData.org;
import static org.rosterbridge.change.SchoolData.renamed;
import static org.rosterbridge.change.SchoolData.schoolClass;
import static org.rosterbridge.change.SchoolData.snapshot;
import static org.rosterbridge.change.SchoolData.user;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Snapshot;

class ChangeDetectorTest {
    private final ChangeDetector detector = new ChangeDetector();

    private static Snapshot day1() {
        return snapshot(org(), schoolClass("c1", "9Ma1"), user("u1", "Ada", "Lovelace"), user("u2", "Alan", "Turing"),
                enrollment("e1", "u1", "c1"), enrollment("e2", "u2", "c1"), enrollment("e3", "u9", "c1"));
    }

    private static Snapshot day2() {
        return snapshot(org(), schoolClass("c1", "9Ma1"), renamed(user("u1", "Ada", "Lovelace"), "King"),
                enrollment("e1", "u1", "c1"), enrollment("e3", "u9", "c1"));
    }

    @Test
    void theFirstRunCreatesEverySourceRecordThenEveryRow() {
        Detection detection = detector.detect(Snapshot.empty(ESTAB), day1());

        assertThat(detection.changes().changes()).extracting(Change::entity, Change::sourcedId).containsExactly(
                tuple(Entity.ORGS, SchoolData.ORG), tuple(Entity.CLASSES, "c1"), tuple(Entity.USERS, "u1"),
                tuple(Entity.USERS, "u2"), tuple(Entity.ENROLLMENTS, "e1"), tuple(Entity.ENROLLMENTS, "e2"),
                tuple(Entity.ENROLLMENTS, "e3"), tuple(Entity.ROSTERS, "e1"), tuple(Entity.ROSTERS, "e2"));
        assertThat(detection.changes().orphans()).extracting(ChangeSet.Orphan::enrollmentSourcedId)
                .containsExactly("e3");
        assertThat(detection.changes().estab()).isEqualTo(ESTAB);
        assertThat(detection.stagedWithRosters().records(Entity.ROSTERS)).containsOnlyKeys("e1", "e2");
    }

    @Test
    void aDayTwoRunGivesSourceChangesThenRosterChanges() {
        Snapshot committed = detector.detect(Snapshot.empty(ESTAB), day1()).stagedWithRosters();

        Detection detection = detector.detect(committed, day2());

        assertThat(detection.changes().changes()).extracting(Change::entity, Change::sourcedId, Change::reason)
                .containsExactly(
                        tuple(Entity.USERS, "u1", ChangeReason.MODIFIED),
                        tuple(Entity.USERS, "u2", ChangeReason.MISSING),
                        tuple(Entity.ENROLLMENTS, "e2", ChangeReason.MISSING),
                        tuple(Entity.ROSTERS, "e1", ChangeReason.MODIFIED),
                        tuple(Entity.ROSTERS, "e2", ChangeReason.MISSING));
        assertThat(detection.changes().counts().get(Entity.ROSTERS)).containsEntry(ChangeOp.UPDATED, 1)
                .containsEntry(ChangeOp.DELETED, 1);
    }

    @Test
    void aRunThatChangesNothingDeliversNothing() {
        Snapshot committed = detector.detect(Snapshot.empty(ESTAB), day1()).stagedWithRosters();

        Detection detection = detector.detect(committed, day1());

        assertThat(detection.changes().isEmpty()).isTrue();
        assertThat(detection.changes().orphans()).hasSize(1);
    }

    @Test
    void sinksAtTheSameCommittedSnapshotShareOneDetection(@TempDir Path stateDir) {
        FileSnapshotStore store = new FileSnapshotStore(stateDir);
        Snapshot delivered = detector.detect(Snapshot.empty(ESTAB), day1()).stagedWithRosters();
        store.commit(ESTAB, "kafka", "run-1", delivered);
        store.commit(ESTAB, "csv", "run-1", delivered);
        Map<String, Snapshot> committed = new LinkedHashMap<>(store.committed(ESTAB, List.of("kafka", "csv")));
        committed.put("audit", Snapshot.empty(ESTAB));

        Map<String, Detection> detections = detector.detectEach(committed, day2());

        assertThat(detections).containsOnlyKeys("kafka", "csv", "audit");
        assertThat(detections.get("kafka")).isSameAs(detections.get("csv"));
        assertThat(detections.get("kafka").changes().changes()).hasSize(5);
        assertThat(detections.get("audit").changes().changes()).extracting(Change::reason)
                .containsOnly(ChangeReason.NEW);
    }

    @Test
    void snapshotsOfDifferentSchoolsAreNotCompared() {
        assertThatThrownBy(() -> detector.detect(Snapshot.empty("3281102"), day1()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3281102");
    }
}

package org.rosterbridge.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rosterbridge.change.SchoolData.ESTAB;
import static org.rosterbridge.change.SchoolData.course;
import static org.rosterbridge.change.SchoolData.enrollment;
import static org.rosterbridge.change.SchoolData.org;
import static org.rosterbridge.change.SchoolData.schoolClass;
import static org.rosterbridge.change.SchoolData.user;
import static org.rosterbridge.change.SchoolData.withStatus;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.OneRosterRecord;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;
import org.rosterbridge.model.User;

class MassChangeGuardTest {
    private static final Instant NOW = Instant.parse("2026-01-06T07:00:00Z");

    @TempDir
    Path stateDir;

    private FileSnapshotStore store() {
        return new FileSnapshotStore(stateDir);
    }

    private MassChangeGuard guard(String approvedAhead) {
        return guard(store(), approvedAhead);
    }

    private MassChangeGuard guard(SnapshotStore store, String approvedAhead) {
        return new MassChangeGuard(new ChangeSettings(stateDir, 0.30,
                approvedAhead.isEmpty() ? Set.of() : Set.of(approvedAhead.split(","))), store,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /**
     * A school of {@code users} pupils in 10 classes, one enrollment each; the first {@code gone} pupils (and their
     * enrollments) left, and the next {@code softGone} marked tobedeleted.
     */
    private static Snapshot school(int users, int gone, int softGone) {
        List<OneRosterRecord> records = new ArrayList<>(List.of(org(), course("course-ma", "Maths")));
        for (int c = 0; c < 10; c++) {
            records.add(schoolClass("c" + c, "9Ma" + c));
        }
        for (int u = gone; u < users; u++) {
            Status status = u < gone + softGone ? Status.TOBEDELETED : Status.ACTIVE;
            User pupil = user("u" + u, "Pupil", "Number" + u);
            records.add(withStatus(pupil, status));
            records.add(withStatus(enrollment("e" + u, "u" + u, "c" + u % 10), status));
        }
        return SchoolData.snapshot(records);
    }

    @Test
    void aFirstRunIsNeverHeld() {
        Verdict verdict = guard("").decide(ESTAB, "run-1", school(100, 0, 0), List.of(Snapshot.empty(ESTAB)));

        assertThat(verdict.decision()).isEqualTo(Verdict.Decision.PASSED);
        assertThat(verdict.reason()).isNull();
        assertThat(verdict.total().stagedActive()).isEqualTo(212);
    }

    @Test
    void deletesUpToTheThresholdPassAndOneMoreIsHeld() {
        MassChangeGuard guard = guard("");
        // 100 users + 100 enrollments + 10 classes + course + org = 212 active records
        Snapshot committed = school(100, 0, 0);

        // 30 users and their 30 enrollments: 60 of 212 records, 30% of users, 30% of enrollments
        Verdict atThreshold = guard.assess(committed, school(100, 30, 0));
        Verdict overThreshold = guard.assess(committed, school(100, 31, 0));

        assertThat(atThreshold.held()).isFalse();
        assertThat(atThreshold.perEntity().get(Entity.USERS)).isEqualTo(new Verdict.Count(100, 70, 30));
        assertThat(overThreshold.held()).isTrue();
        assertThat(overThreshold.perEntity().get(Entity.ENROLLMENTS)).isEqualTo(new Verdict.Count(100, 69, 31));
    }

    @Test
    void aHeldRunSaysWhatWhyAndHowToApproveInOperatorTerms() {
        Verdict verdict = guard("").assess(school(1000, 0, 0), school(1000, 600, 150));

        assertThat(verdict.held()).isTrue();
        assertThat(verdict.reason())
                .contains("School " + ESTAB + " is held")
                .contains("this run would delete 1,500 of 2,012 active records (74.6%), leaving 512 active")
                .contains("; 750 of 1,000 active users (75%), leaving 250 active")
                .contains("; 750 of 1,000 active enrollments (75%), leaving 250 active")
                .contains("more than the threshold of 30% (gateway.mass-change-threshold)")
                .contains("Nothing was published or committed")
                .contains("bin/rosterbridge approve " + ESTAB)
                .contains("gateway.approve-mass-changes")
                .doesNotContain("Number");
        assertThat(verdict.total()).isEqualTo(new Verdict.Count(2012, 512, 1500));
    }

    @Test
    void losingMostEnrollmentsIsCaughtWhileUsersAreIntact() {
        Snapshot committed = school(200, 0, 0);
        List<OneRosterRecord> staged = new ArrayList<>();
        committed.records(Entity.USERS).values().forEach(v -> staged.add(v.record()));
        committed.records(Entity.CLASSES).values().forEach(v -> staged.add(v.record()));
        staged.add(org());
        staged.add(course("course-ma", "Maths"));
        // only 100 of 200 enrollments remain: 100 of 412 records is under 30% of the school
        committed.records(Entity.ENROLLMENTS).values().stream().limit(100).forEach(v -> staged.add(v.record()));

        Verdict verdict = guard("").assess(committed, SchoolData.snapshot(staged));

        assertThat(verdict.total().deletes()).isEqualTo(100);
        assertThat(verdict.held()).isTrue();
        assertThat(verdict.reason()).contains("100 of 200 active enrollments (50%)").doesNotContain("users");
    }

    @Test
    void entitiesSmallerThanTheMinimumAreJudgedOnlyWithinTheSchool() {
        // all 10 classes go tobedeleted (under 20 records), the school as a whole loses under 30%
        List<OneRosterRecord> staged = new ArrayList<>();
        Snapshot committed = school(100, 0, 0);
        committed.records(Entity.CLASSES).values()
                .forEach(v -> staged.add(withStatus((org.rosterbridge.model.SchoolClass) v.record(), Status.TOBEDELETED)));
        for (Entity e : List.of(Entity.ORGS, Entity.COURSES, Entity.USERS, Entity.ENROLLMENTS)) {
            committed.records(e).values().forEach(v -> staged.add(v.record()));
        }

        Verdict verdict = guard("").assess(committed, SchoolData.snapshot(staged));

        assertThat(verdict.perEntity().get(Entity.CLASSES).deletes()).isEqualTo(10);
        assertThat(verdict.held()).isFalse();
    }

    @Test
    void anEmptyExtractionIsAlwaysHeldWhateverIsApproved() {
        FileSnapshotStore store = store();
        MassChangeGuard guard = guard(store, "*");
        guard.approve(ESTAB, "ops");

        Verdict verdict = guard.decide(ESTAB, "run-2", Snapshot.empty(ESTAB), List.of(school(3, 0, 0)));

        assertThat(verdict.held()).isTrue();
        assertThat(verdict.reason()).contains("no records at all").contains("cannot be approved");
        assertThat(store.pendingHold(ESTAB)).hasValueSatisfying(h -> assertThat(h.runId()).isEqualTo("run-2"));
        assertThat(store.approval(ESTAB)).as("the approval waits for a real run").isPresent();
    }

    @Test
    void aHeldRunIsRecordedAsThePendingHoldOfItsSchool() {
        MassChangeGuard guard = guard("");

        Verdict verdict = guard.decide(ESTAB, "run-2", school(100, 50, 0), List.of(school(100, 0, 0)));

        assertThat(verdict.held()).isTrue();
        assertThat(guard.pendingHolds()).singleElement().satisfies(h -> {
            assertThat(h.estab()).isEqualTo(ESTAB);
            assertThat(h.runId()).isEqualTo("run-2");
            assertThat(h.heldAt()).isEqualTo(NOW);
            assertThat(h.reason()).isEqualTo(verdict.reason());
            assertThat(h.total()).isEqualTo(verdict.total());
            assertThat(h.perEntity()).isEqualTo(verdict.perEntity());
        });
    }

    @Test
    void anApprovalReleasesTheNextHeldRunOnceAndIsUsedUpWhenItCommits() {
        FileSnapshotStore store = store();
        MassChangeGuard guard = guard(store, "");
        Snapshot committed = school(100, 0, 0);
        Snapshot shrunk = school(100, 50, 0);
        guard.decide(ESTAB, "run-2", shrunk, List.of(committed));

        assertThat(guard.approve(ESTAB, "ops")).hasValueSatisfying(h -> assertThat(h.runId()).isEqualTo("run-2"));
        Verdict released = guard.decide(ESTAB, "run-3", shrunk, List.of(committed));

        assertThat(released.held()).isFalse();
        assertThat(released.decision()).isEqualTo(Verdict.Decision.APPROVED_ONCE);
        assertThat(released.reason()).startsWith("School " + ESTAB
                + ": mass change released by the one-shot approval of ops at " + NOW + ": this run would delete 100 of 212 active records");
        assertThat(store.approval(ESTAB)).hasValueSatisfying(a -> assertThat(a.releases()).isEqualTo("run-2"));

        guard.runCommitted(ESTAB, released);

        assertThat(store.approval(ESTAB)).isEmpty();
        assertThat(guard.pendingHolds()).isEmpty();
        assertThat(guard.decide(ESTAB, "run-4", school(100, 80, 0), List.of(shrunk)).held())
                .as("the next mass change needs a new approval").isTrue();
    }

    @Test
    void anApprovedRunThatFailsBeforeCommittingKeepsItsApproval() {
        FileSnapshotStore store = store();
        MassChangeGuard guard = guard(store, "");
        Snapshot committed = school(100, 0, 0);
        guard.approve(ESTAB, "ops");

        Verdict first = guard.decide(ESTAB, "run-2", school(100, 50, 0), List.of(committed));
        // a sink failed: runCommitted is not called
        Verdict retry = guard.decide(ESTAB, "run-3", school(100, 50, 0), List.of(committed));

        assertThat(first.decision()).isEqualTo(Verdict.Decision.APPROVED_ONCE);
        assertThat(retry.decision()).isEqualTo(Verdict.Decision.APPROVED_ONCE);
        assertThat(store.approval(ESTAB)).isPresent();
    }

    @Test
    void aRunWithinTheThresholdNeitherUsesTheApprovalNorLeavesAHold() {
        FileSnapshotStore store = store();
        MassChangeGuard guard = guard(store, "");
        Snapshot committed = school(100, 0, 0);
        guard.decide(ESTAB, "run-2", school(100, 50, 0), List.of(committed));
        guard.approve(ESTAB, "ops");

        Verdict fixed = guard.decide(ESTAB, "run-3", school(100, 1, 0), List.of(committed));
        guard.runCommitted(ESTAB, fixed);

        assertThat(fixed.decision()).isEqualTo(Verdict.Decision.PASSED);
        assertThat(guard.pendingHolds()).isEmpty();
        assertThat(store.approval(ESTAB)).as("kept for the run that needs it").isPresent();
    }

    @Test
    void schoolsApprovedAheadBySettingPassWithoutAHold() {
        Snapshot committed = school(100, 0, 0);
        Snapshot shrunk = school(100, 50, 0);

        Verdict listed = guard("3281102," + ESTAB).decide(ESTAB, "run-2", shrunk, List.of(committed));
        Verdict everySchool = guard("*").decide(ESTAB, "run-2", shrunk, List.of(committed));
        Verdict otherSchool = guard("3281102").decide(ESTAB, "run-2", shrunk, List.of(committed));

        assertThat(listed.decision()).isEqualTo(Verdict.Decision.APPROVED_AHEAD);
        assertThat(listed.reason()).startsWith("School " + ESTAB
                + ": mass change let through because gateway.approve-mass-changes lists it: this run would delete");
        assertThat(everySchool.decision()).isEqualTo(Verdict.Decision.APPROVED_AHEAD);
        assertThat(otherSchool.held()).isTrue();
    }

    @Test
    void anySinkThatWouldSeeAMassChangeHoldsTheRun() {
        Snapshot staged = school(100, 50, 0);
        // kafka already delivered the shrunk school, the csv sink is still at the full one
        Verdict verdict = guard("").decide(ESTAB, "run-3", staged, List.of(staged, school(100, 0, 0)));

        assertThat(verdict.held()).isTrue();
        assertThat(verdict.perEntity().get(Entity.USERS).deletes()).isEqualTo(50);
    }
}

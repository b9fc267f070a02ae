package org.rosterbridge.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.rosterbridge.change.SchoolData.T0;
import static org.rosterbridge.change.SchoolData.enrollment;
import static org.rosterbridge.change.SchoolData.org;
import static org.rosterbridge.change.SchoolData.schoolClass;
import static org.rosterbridge.change.SchoolData.snapshot;
import static org.rosterbridge.change.SchoolData.term;
import static org.rosterbridge.change.SchoolData.user;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.RosterRow;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;
import org.rosterbridge.model.User;

class SnapshotDiffTest {
    private final SnapshotDiff diff = new SnapshotDiff();

    private static User ada() {
        return user("u1", "Ada", "Lovelace");
    }

    private static User ada(Status status) {
        return user("u1", "Ada", "Lovelace", "01632 960000", status, T0);
    }

    @Test
    void aNewActiveRecordIsCreatedAsNew() {
        List<Change> changes = diff.diff(snapshot(), snapshot(ada()));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo(ChangeOp.CREATED);
            assertThat(c.reason()).isEqualTo(ChangeReason.NEW);
            assertThat(c.before()).isNull();
            assertThat(c.after().record()).isEqualTo(ada());
        });
    }

    @Test
    void aTobedeletedRecordThatComesBackIsCreatedAsReactivated() {
        List<Change> changes = diff.diff(snapshot(ada(Status.TOBEDELETED)), snapshot(ada()));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo(ChangeOp.CREATED);
            assertThat(c.reason()).isEqualTo(ChangeReason.REACTIVATED);
            assertThat(c.before()).isNull();
            assertThat(c.after().active()).isTrue();
        });
    }

    @Test
    void aContentChangeIsAnUpdateCarryingBothVersions() {
        User renamed = user("u1", "Ada", "King");

        List<Change> changes = diff.diff(snapshot(ada()), snapshot(renamed));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo(ChangeOp.UPDATED);
            assertThat(c.reason()).isEqualTo(ChangeReason.MODIFIED);
            assertThat(c.before().as(User.class).familyName()).isEqualTo("Lovelace");
            assertThat(c.after().as(User.class).familyName()).isEqualTo("King");
        });
    }

    @Test
    void aMovedDateLastModifiedAloneIsNoUpdate() {
        User touched = user("u1", "Ada", "Lovelace", "01632 960000", Status.ACTIVE, T0.plusSeconds(3600));

        assertThat(diff.diff(snapshot(ada()), snapshot(touched))).isEmpty();
    }

    @Test
    void sameContentGivesNothing() {
        assertThat(diff.diff(snapshot(org(), ada()), snapshot(org(), ada()))).isEmpty();
    }

    @Test
    void anActiveRecordMarkedTobedeletedIsASoftDeleteCarryingBothVersions() {
        List<Change> changes = diff.diff(snapshot(ada()), snapshot(ada(Status.TOBEDELETED)));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo(ChangeOp.DELETED);
            assertThat(c.reason()).isEqualTo(ChangeReason.TOBEDELETED);
            assertThat(c.before().active()).isTrue();
            assertThat(c.after().status()).isEqualTo(Status.TOBEDELETED);
        });
    }

    @Test
    void anActiveRecordAbsentFromACompleteSnapshotIsAHardDeleteAsMissing() {
        List<Change> changes = diff.diff(snapshot(org(), ada()), snapshot(org()));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.op()).isEqualTo(ChangeOp.DELETED);
            assertThat(c.reason()).isEqualTo(ChangeReason.MISSING);
            assertThat(c.before().record()).isEqualTo(ada());
            assertThat(c.after()).isNull();
            assertThat(c.latest()).isSameAs(c.before());
        });
    }

    @Test
    void aRecordTobedeletedInBothGivesNothingEvenWhenItsContentChanged() {
        User before = ada(Status.TOBEDELETED);
        User after = user("u1", "Ada", "King", "01632 960000", Status.TOBEDELETED, T0);

        assertThat(diff.diff(snapshot(before), snapshot(after))).isEmpty();
    }

    @Test
    void aTobedeletedRecordThatThenDisappearsGivesNothing() {
        assertThat(diff.diff(snapshot(org(), ada(Status.TOBEDELETED)), snapshot(org()))).isEmpty();
    }

    @Test
    void aRecordFirstSeenAsTobedeletedGivesNothing() {
        assertThat(diff.diff(snapshot(org()), snapshot(org(), ada(Status.TOBEDELETED)))).isEmpty();
    }

    @Test
    void theFirstRunCreatesEveryActiveRecordAndNothingElse() {
        Snapshot staged = snapshot(org(), term(), schoolClass("c1", "9Ma1"), ada(),
                user("u2", "Alan", "Turing", null, Status.TOBEDELETED, T0), enrollment("e1", "u1", "c1"));

        List<Change> changes = diff.diff(Snapshot.empty(SchoolData.ESTAB), staged);

        assertThat(changes).extracting(Change::entity, Change::sourcedId, Change::reason).containsExactly(
                tuple(Entity.ORGS, SchoolData.ORG, ChangeReason.NEW),
                tuple(Entity.ACADEMIC_SESSIONS, SchoolData.TERM, ChangeReason.NEW),
                tuple(Entity.CLASSES, "c1", ChangeReason.NEW),
                tuple(Entity.USERS, "u1", ChangeReason.NEW),
                tuple(Entity.ENROLLMENTS, "e1", ChangeReason.NEW));
    }

    @Test
    void changesComeInEntityOrderThenStagedOrderThenDeletesInCommittedOrder() {
        Snapshot committed = snapshot(user("u9", "Nine", "Gone"), user("u1", "Ada", "Lovelace"),
                user("u8", "Eight", "Gone"), schoolClass("c1", "9Ma1"));
        // staged order differs from committed order on purpose; enrollments staged before users
        Snapshot staged = snapshot(enrollment("e1", "u2", "c1"), user("u2", "Alan", "Turing"),
                user("u1", "Ada", "King"), schoolClass("c1", "9Ma1"), org());

        List<Change> changes = diff.diff(committed, staged);

        assertThat(changes).extracting(Change::entity, Change::sourcedId, Change::reason).containsExactly(
                tuple(Entity.ORGS, SchoolData.ORG, ChangeReason.NEW),
                tuple(Entity.USERS, "u2", ChangeReason.NEW),
                tuple(Entity.USERS, "u1", ChangeReason.MODIFIED),
                tuple(Entity.USERS, "u9", ChangeReason.MISSING),
                tuple(Entity.USERS, "u8", ChangeReason.MISSING),
                tuple(Entity.ENROLLMENTS, "e1", ChangeReason.NEW));
        assertThat(diff.diff(committed, staged)).extracting(Change::sourcedId)
                .as("the same input gives the same order every time")
                .containsExactlyElementsOf(changes.stream().map(Change::sourcedId).toList());
    }

    @Test
    void theWouldBeHardDeletesAreExactlyTheMissingChanges() {
        Snapshot committed = snapshot(org(), ada(), user("u8", "Bob", "Dylan"),
                user("u9", "Cy", "Twombly", "01632 960001", Status.TOBEDELETED, T0));
        Snapshot staged = snapshot(org(), user("u2", "Dee", "Dee"));

        assertThat(SnapshotDiff.missing(Entity.USERS, committed, staged))
                .as("a record already tobedeleted is no delete, and a new one is none either")
                .containsExactly("u1", "u8")
                .containsExactlyElementsOf(diff.diff(committed, staged).stream()
                        .filter(c -> c.reason() == ChangeReason.MISSING).map(Change::sourcedId).toList());
        assertThat(SnapshotDiff.missing(Entity.ORGS, committed, staged)).isEmpty();
    }

    @Test
    void rosterRowsAreLeftToTheJoin() {
        RecordVersion row = RecordVersion.of(new RosterRow("e1", Status.ACTIVE, T0, "student", false, null, null,
                null, RosterRow.UserSummary.of(ada()), RosterRow.ClassSummary.of(schoolClass("c1", "9Ma1")), null));
        Snapshot committed = snapshot(org()).with(Entity.ROSTERS, java.util.Map.of("e1", row));

        assertThat(diff.diff(committed, snapshot(org()))).isEmpty();
    }
}

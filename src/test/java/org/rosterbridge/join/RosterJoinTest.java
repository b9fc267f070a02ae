package org.rosterbridge.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.rosterbridge.change.SchoolData.enrollment;
import static org.rosterbridge.change.SchoolData.movedTo;
import static org.rosterbridge.change.SchoolData.org;
import static org.rosterbridge.change.SchoolData.renamed;
import static org.rosterbridge.change.SchoolData.retitled;
import static org.rosterbridge.change.SchoolData.schoolClass;
import static org.rosterbridge.change.SchoolData.snapshot;
import static org.rosterbridge.change.SchoolData.user;
import static org.rosterbridge.change.SchoolData.withPhone;
import static org.rosterbridge.change.SchoolData.withStatus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rosterbridge.change.Change;
import org.rosterbridge.change.ChangeReason;
import org.rosterbridge.change.ChangeSet;
import org.rosterbridge.change.SchoolData;
import org.rosterbridge.change.SnapshotDiff;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Enrollment;
import org.rosterbridge.model.OneRosterRecord;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.RosterRow;
import org.rosterbridge.model.SchoolClass;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;
import org.rosterbridge.model.User;

class RosterJoinTest {
    private final RosterJoin join = new RosterJoin();

    private static final SchoolClass MATHS = schoolClass("c1", "9Ma1");
    private static final SchoolClass ENGLISH = schoolClass("c2", "9En1");
    private static final User ADA = user("u1", "Ada", "Lovelace");
    private static final User ALAN = user("u2", "Alan", "Turing");
    private static final User GRACE = user("u3", "Grace", "Hopper");
    private static final Enrollment ADA_MATHS = enrollment("e1", "u1", "c1");
    private static final Enrollment ALAN_MATHS = enrollment("e2", "u2", "c1");
    private static final Enrollment ADA_ENGLISH = enrollment("e3", "u1", "c2");
    private static final Enrollment GRACE_ENGLISH = enrollment("e4", "u3", "c2");

    /** The school as two classes of two pupils each, with Ada in both. */
    private static List<OneRosterRecord> school() {
        return new ArrayList<>(List.of(org(), MATHS, ENGLISH, ADA, ALAN, GRACE, ADA_MATHS, ALAN_MATHS, ADA_ENGLISH,
                GRACE_ENGLISH));
    }

    private static List<OneRosterRecord> replace(List<OneRosterRecord> records, OneRosterRecord replacement) {
        records.replaceAll(r -> r.entity() == replacement.entity() && r.sourcedId().equals(replacement.sourcedId())
                ? replacement : r);
        return records;
    }

    private static List<OneRosterRecord> remove(List<OneRosterRecord> records, OneRosterRecord gone) {
        records.remove(gone);
        return records;
    }

    /** What the previous run committed: its staged snapshot with its rows. */
    private Snapshot committed(List<OneRosterRecord> records) {
        return join.build(snapshot(records)).staged();
    }

    private static RosterRow row(JoinResult result, String enrollment) {
        return result.staged().get(Entity.ROSTERS, enrollment).as(RosterRow.class);
    }

    @Test
    void theFirstRunBuildsEveryRowAndCreatesTheActiveOnes() {
        List<OneRosterRecord> records = school();
        records.add(enrollment("e5", "u2", "c2", Status.TOBEDELETED));

        JoinResult result = join.build(snapshot(records));

        assertThat(result.staged().records(Entity.ROSTERS)).containsOnlyKeys("e1", "e2", "e3", "e4", "e5");
        assertThat(result.changes()).extracting(Change::sourcedId, Change::reason).containsExactly(
                tuple("e1", ChangeReason.NEW), tuple("e2", ChangeReason.NEW), tuple("e3", ChangeReason.NEW),
                tuple("e4", ChangeReason.NEW));
        RosterRow adaMaths = row(result, "e1");
        assertThat(adaMaths.user()).isEqualTo(RosterRow.UserSummary.of(ADA));
        assertThat(adaMaths.schoolClass()).isEqualTo(RosterRow.ClassSummary.of(MATHS));
        assertThat(adaMaths.role()).isEqualTo("student");
        assertThat(adaMaths.status()).isEqualTo(Status.ACTIVE);
        assertThat(row(result, "e5").status()).isEqualTo(Status.TOBEDELETED);
        assertThat(result.rowsRecomputed()).isEqualTo(5);
        assertThat(join.join(Snapshot.empty(SchoolData.ESTAB), snapshot(records)).changes())
                .as("joining against an empty committed snapshot is the first run")
                .extracting(Change::sourcedId).containsExactly("e1", "e2", "e3", "e4");
    }

    @Test
    void aRowWritesTheSameJsonEveryTimeAndMatchesItsFingerprint() {
        JoinResult result = join.build(snapshot(school()));

        assertThat(result.staged().records(Entity.ROSTERS)).isNotEmpty();
        for (RecordVersion row : result.staged().records(Entity.ROSTERS).values()) {
            RecordVersion typed = RecordVersion.of(row.record());
            // rows are not held as JSON: each call writes it again, and it must be the bytes fingerprinted
            assertThat(row.json()).isEqualTo(typed.json()).isEqualTo(row.json());
            assertThat(row.fingerprint()).isEqualTo(typed.fingerprint());
        }
    }

    @Test
    void aClassRetitleChangesExactlyItsMembersRows() {
        Snapshot committed = committed(school());

        JoinResult result = join.join(committed, snapshot(replace(school(), retitled(MATHS, "9Ma1 (set 1)"))));

        assertThat(result.changes()).extracting(Change::sourcedId, Change::reason).containsExactly(
                tuple("e1", ChangeReason.MODIFIED), tuple("e2", ChangeReason.MODIFIED));
        assertThat(result.changes()).allSatisfy(c -> {
            assertThat(c.before().as(RosterRow.class).schoolClass().title()).isEqualTo("9Ma1");
            assertThat(c.after().as(RosterRow.class).schoolClass().title()).isEqualTo("9Ma1 (set 1)");
        });
        assertThat(result.rowsRecomputed()).isEqualTo(2);
        assertThat(result.staged().get(Entity.ROSTERS, "e3")).isSameAs(committed.get(Entity.ROSTERS, "e3"));
    }

    @Test
    void aUserRenameChangesThatUsersRows() {
        JoinResult result = join.join(committed(school()), snapshot(replace(school(), renamed(ADA, "King"))));

        assertThat(result.changes()).extracting(Change::sourcedId, Change::reason).containsExactly(
                tuple("e1", ChangeReason.MODIFIED), tuple("e3", ChangeReason.MODIFIED));
        assertThat(row(result, "e1").user().familyName()).isEqualTo("King");
        assertThat(row(result, "e3").user().familyName()).isEqualTo("King");
        assertThat(row(result, "e2").user().familyName()).isEqualTo("Turing");
    }

    @Test
    void aPhoneChangeGivesNoRosterChange() {
        Snapshot committed = committed(school());

        JoinResult result = join.join(committed, snapshot(replace(school(), withPhone(ADA, "07700 900123"))));

        assertThat(result.changes()).isEmpty();
        assertThat(result.rowsRecomputed()).as("Ada's rows are checked, and found unchanged").isEqualTo(2);
        assertThat(result.staged().get(Entity.ROSTERS, "e1").fingerprint())
                .isEqualTo(committed.get(Entity.ROSTERS, "e1").fingerprint());
    }

    @Test
    void movingAPupilToAnotherClassDeletesTheOldRowAndCreatesTheNew() {
        // the MIS ends Alan's maths enrollment and gives him a new one in English
        List<OneRosterRecord> moved = remove(school(), ALAN_MATHS);
        moved.add(enrollment("e5", "u2", "c2"));

        JoinResult result = join.join(committed(school()), snapshot(moved));

        assertThat(result.changes()).extracting(Change::sourcedId, Change::reason).containsExactly(
                tuple("e5", ChangeReason.NEW), tuple("e2", ChangeReason.MISSING));
        assertThat(row(result, "e5").schoolClass().title()).isEqualTo("9En1");
        assertThat(result.staged().records(Entity.ROSTERS)).doesNotContainKey("e2");
    }

    @Test
    void anEnrollmentKeptUnderItsIdButPointedAtAnotherClassUpdatesItsRow() {
        JoinResult result = join.join(committed(school()), snapshot(replace(school(), movedTo(ALAN_MATHS, "c2"))));

        assertThat(result.changes()).singleElement().satisfies(c -> {
            assertThat(c.sourcedId()).isEqualTo("e2");
            assertThat(c.reason()).isEqualTo(ChangeReason.MODIFIED);
            assertThat(c.after().as(RosterRow.class).schoolClass().sourcedId()).isEqualTo("c2");
        });
    }

    @Test
    void orphansAreCountedAndNeverEmitted() {
        List<OneRosterRecord> records = school();
        records.add(enrollment("e6", "u404", "c1"));
        records.add(enrollment("e7", "u1", "c404"));
        records.add(enrollment("e8", "u404", "c404"));
        records.add(enrollment("e9", null, "c1"));

        JoinResult first = join.build(snapshot(records));
        JoinResult again = join.join(first.staged(), snapshot(records));

        assertThat(first.orphans()).containsExactly(
                new ChangeSet.Orphan("e6", "u404", "c1", "user"),
                new ChangeSet.Orphan("e7", "u1", "c404", "class"),
                new ChangeSet.Orphan("e8", "u404", "c404", "user and class"),
                new ChangeSet.Orphan("e9", null, "c1", "user"));
        assertThat(first.changes()).extracting(Change::sourcedId).containsExactly("e1", "e2", "e3", "e4");
        assertThat(first.staged().records(Entity.ROSTERS)).doesNotContainKeys("e6", "e7", "e8", "e9");
        assertThat(again.orphans()).as("still reported on a run that changes nothing")
                .isEqualTo(first.orphans());
        assertThat(again.changes()).isEmpty();
    }

    @Test
    void anOrphanGetsItsRowWhenItsUserArrives() {
        List<OneRosterRecord> before = school();
        before.add(enrollment("e6", "u4", "c1"));
        List<OneRosterRecord> after = new ArrayList<>(before);
        after.add(user("u4", "Katherine", "Johnson"));

        JoinResult result = join.join(committed(before), snapshot(after));

        assertThat(result.orphans()).isEmpty();
        assertThat(result.changes()).extracting(Change::sourcedId, Change::reason)
                .containsExactly(tuple("e6", ChangeReason.NEW));
    }

    @Test
    void aNoChangeRunRecomputesNothing() {
        List<OneRosterRecord> records = school();
        records.add(enrollment("e6", "u404", "c1"));
        Snapshot committed = committed(records);

        JoinResult result = join.join(committed, snapshot(records));

        assertThat(result.rowsRecomputed()).isZero();
        assertThat(result.changes()).isEmpty();
        assertThat(result.orphans()).hasSize(1);
        result.staged().records(Entity.ROSTERS).forEach((id, row) ->
                assertThat(row).as(id).isSameAs(committed.get(Entity.ROSTERS, id)));
    }

    @Test
    void aRowWhoseUserIsMarkedTobedeletedIsASoftDelete() {
        JoinResult result = join.join(committed(school()),
                snapshot(replace(school(), withStatus(ADA, Status.TOBEDELETED))));

        assertThat(result.changes()).extracting(Change::sourcedId, Change::reason).containsExactly(
                tuple("e1", ChangeReason.TOBEDELETED), tuple("e3", ChangeReason.TOBEDELETED));
        assertThat(result.changes()).allSatisfy(c -> assertThat(c.after().status()).isEqualTo(Status.TOBEDELETED));
    }

    @Test
    void aRowWhoseClassIsMarkedTobedeletedIsASoftDelete() {
        JoinResult result = join.join(committed(school()),
                snapshot(replace(school(), withStatus(ENGLISH, Status.TOBEDELETED))));

        assertThat(result.changes()).extracting(Change::sourcedId, Change::reason).containsExactly(
                tuple("e3", ChangeReason.TOBEDELETED), tuple("e4", ChangeReason.TOBEDELETED));
    }

    @Test
    void aRowWhoseClassDisappearsIsAHardDeleteAndItsEnrollmentsAreOrphans() {
        JoinResult result = join.join(committed(school()), snapshot(remove(school(), ENGLISH)));

        assertThat(result.changes()).extracting(Change::sourcedId, Change::reason).containsExactly(
                tuple("e3", ChangeReason.MISSING), tuple("e4", ChangeReason.MISSING));
        assertThat(result.orphans()).extracting(ChangeSet.Orphan::enrollmentSourcedId, ChangeSet.Orphan::missing)
                .containsExactly(tuple("e3", "class"), tuple("e4", "class"));
    }

    @Test
    void aRowWhoseEnrollmentDisappearsIsAHardDelete() {
        JoinResult result = join.join(committed(school()), snapshot(remove(school(), GRACE_ENGLISH)));

        assertThat(result.changes()).extracting(Change::sourcedId, Change::reason)
                .containsExactly(tuple("e4", ChangeReason.MISSING));
        assertThat(result.changes().get(0).after()).isNull();
    }

    @Test
    void aRowWhoseEnrollmentWasTobedeletedAndThenGoesLeavesSilently() {
        Snapshot committed = committed(replace(school(), withStatus(GRACE_ENGLISH, Status.TOBEDELETED)));

        JoinResult result = join.join(committed, snapshot(remove(school(), GRACE_ENGLISH)));

        assertThat(result.changes()).isEmpty();
        assertThat(result.staged().records(Entity.ROSTERS)).doesNotContainKey("e4");
    }

    @Test
    void aReactivatedEnrollmentRecreatesItsRow() {
        Snapshot committed = committed(replace(school(), withStatus(GRACE_ENGLISH, Status.TOBEDELETED)));

        JoinResult result = join.join(committed, snapshot(school()));

        assertThat(result.changes()).extracting(Change::sourcedId, Change::reason)
                .containsExactly(tuple("e4", ChangeReason.REACTIVATED));
    }

    @Test
    void maintainingRowsFromTheDiffAgreesWithRebuildingThemAll() {
        List<OneRosterRecord> before = SchoolData.secondarySchool(7);
        Snapshot committed = join.build(snapshot(before)).staged();
        Random random = new Random(11);
        List<OneRosterRecord> after = new ArrayList<>();
        List<String> classIds = before.stream().filter(r -> r instanceof SchoolClass).map(OneRosterRecord::sourcedId)
                .toList();
        for (OneRosterRecord r : before) {
            int dice = random.nextInt(1000);
            if (r instanceof User u) {
                after.add(dice < 20 ? renamed(u, "Changed") : dice < 40 ? withPhone(u, "01632 960999")
                        : dice < 50 ? withStatus(u, Status.TOBEDELETED) : u);
                if (dice >= 995) {
                    after.remove(after.size() - 1); // gone: its enrollments become orphans
                }
            } else if (r instanceof SchoolClass c) {
                after.add(dice < 30 ? retitled(c, c.title() + "*") : dice < 40 ? withStatus(c, Status.TOBEDELETED) : c);
            } else if (r instanceof Enrollment e) {
                if (dice < 10) {
                    continue; // gone
                }
                after.add(dice < 20 ? movedTo(e, classIds.get(random.nextInt(classIds.size())))
                        : dice < 30 ? withStatus(e, Status.TOBEDELETED) : e);
            } else {
                after.add(r);
            }
        }
        for (int i = 0; i < 100; i++) {
            after.add(enrollment("new-" + i, before.get(700 + i * 3).sourcedId(), classIds.get(i)));
        }
        Snapshot staged = snapshot(after);

        JoinResult maintained = join.join(committed, staged);
        JoinResult rebuilt = join.build(staged);

        Map<String, RecordVersion> maintainedRows = maintained.staged().records(Entity.ROSTERS);
        Map<String, RecordVersion> rebuiltRows = rebuilt.staged().records(Entity.ROSTERS);
        assertThat(maintainedRows.keySet()).containsExactlyElementsOf(rebuiltRows.keySet());
        rebuiltRows.forEach((id, row) -> assertThat(maintainedRows.get(id).fingerprint()).as(id)
                .isEqualTo(row.fingerprint()));
        List<Change> expected = new ArrayList<>();
        Snapshot rebuiltRowsOnly = Snapshot.empty(SchoolData.ESTAB).with(Entity.ROSTERS, rebuiltRows);
        SnapshotDiff.forEachDifference(Entity.ROSTERS, committed, rebuiltRowsOnly, (b, a) -> {
            Change c = SnapshotDiff.change(b, a);
            if (c != null) {
                expected.add(c);
            }
        });
        assertThat(maintained.changes()).extracting(Change::sourcedId, Change::reason)
                .containsExactlyElementsOf(expected.stream().map(c -> tuple(c.sourcedId(), c.reason())).toList());
        assertThat(new HashSet<>(maintained.orphans())).isEqualTo(new HashSet<>(rebuilt.orphans()));
        assertThat(maintained.changes()).hasSizeGreaterThan(500);
        assertThat(maintained.rowsRecomputed()).isLessThan(rebuilt.rowsRecomputed());
    }
}

package org.rosterbridge.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.rosterbridge.change.Change;
import org.rosterbridge.change.ChangeReason;
import org.rosterbridge.change.SnapshotDiff;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Snapshot;

class DayTwoTest {

    private static SimulatedSchool school(RecordShape shape) {
        return SimulatedSchool.secondary("3281110", "demo-rp", "s3cret", "Northfield Academy").withSize(120, 12)
                .withShape(shape);
    }

    @ParameterizedTest
    @EnumSource(RecordShape.class)
    void expectedChangesAreExactlyWhatTheGatewaysDiffFinds(RecordShape shape) {
        ServedSchool served = new ServedSchool(school(shape));
        Snapshot dayOne = SimulatedRecords.snapshot(served);
        DayTwo dayTwo = served.applyDayTwo();
        Snapshot dayTwoSnapshot = SimulatedRecords.snapshot(served);

        List<Change> changes = new SnapshotDiff().diff(dayOne, dayTwoSnapshot);

        assertThat(changes.stream().map(c -> new ExpectedChange(c.entity(), c.sourcedId(), c.reason())))
                .containsExactlyInAnyOrderElementsOf(dayTwo.expected());
    }

    @Test
    void theScriptCoversEveryKindOfChange() {
        DayTwo dayTwo = DayTwo.of(school(RecordShape.XPORTER));
        Set<ChangeReason> reasons = dayTwo.expected().stream().map(ExpectedChange::reason).collect(Collectors.toSet());
        assertThat(reasons).containsExactlyInAnyOrder(ChangeReason.values());
        assertThat(dayTwo.expected(Entity.USERS)).extracting(ExpectedChange::reason).contains(ChangeReason.NEW,
                ChangeReason.MODIFIED, ChangeReason.TOBEDELETED, ChangeReason.MISSING, ChangeReason.REACTIVATED);
        assertThat(dayTwo.expected(Entity.CLASSES)).extracting(ExpectedChange::reason)
                .contains(ChangeReason.NEW, ChangeReason.MODIFIED, ChangeReason.MISSING);
        assertThat(dayTwo.expected(Entity.COURSES)).extracting(ExpectedChange::reason)
                .containsExactly(ChangeReason.MODIFIED);
        assertThat(dayTwo.expected(Entity.ENROLLMENTS)).extracting(ExpectedChange::reason)
                .contains(ChangeReason.NEW, ChangeReason.MODIFIED, ChangeReason.TOBEDELETED, ChangeReason.MISSING);
    }

    @Test
    void aRecordWhoseTimestampAloneMovedIsNotExpected() {
        ServedSchool served = new ServedSchool(school(RecordShape.XPORTER));
        Snapshot dayOne = SimulatedRecords.snapshot(served);
        DayTwo dayTwo = served.applyDayTwo();
        Snapshot after = SimulatedRecords.snapshot(served);

        String touched = dayTwo.touchedOnly();
        assertThat(after.get(Entity.USERS, touched).record().dateLastModified())
                .isNotEqualTo(dayOne.get(Entity.USERS, touched).record().dateLastModified());
        assertThat(dayTwo.expected()).noneMatch(c -> c.sourcedId().equals(touched));
    }

    @Test
    void theScriptIsDeterministicAndAppliedOnce() {
        assertThat(DayTwo.of(school(RecordShape.XPORTER)).expected())
                .isEqualTo(DayTwo.of(school(RecordShape.STANDARD)).expected());
        ServedSchool served = new ServedSchool(school(RecordShape.XPORTER));
        DayTwo first = served.applyDayTwo();
        Snapshot once = SimulatedRecords.snapshot(served);
        assertThat(served.applyDayTwo()).isSameAs(first);
        assertThat(new SnapshotDiff().diff(once, SimulatedRecords.snapshot(served))).isEmpty();
    }
}

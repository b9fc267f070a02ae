package org.rosterbridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rosterbridge.change.Change;
import org.rosterbridge.change.ChangeReason;
import org.rosterbridge.model.Entity;
import org.rosterbridge.simulator.DayTwo;
import org.rosterbridge.simulator.ExpectedChange;
import org.rosterbridge.simulator.RequestLog;
import org.rosterbridge.simulator.SchoolFaults;
import org.rosterbridge.simulator.SchoolGenerator;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.XporterSimulator;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.sync.RunReport;
import org.rosterbridge.testing.SimulatedGateway;

/**
 * Deletes by absence are confirmed by a second extraction of the entity before anything is published, against the
 * stand-in Xporter sending no X-Total-Count, so a record skipped by offset drift is never published as deleted.
 */
class DeleteConfirmationIT {
    /** 90 users: pages at offsets 0 and 50, so a record deleted after the first page makes offset 50 skip one. */
    static final SimulatedSchool SCHOOL = XporterExtractionIT.SCHOOL;

    @TempDir
    Path state;
    XporterSimulator simulator;
    SimulatedGateway gateway;

    @BeforeEach
    void start() {
        simulator = XporterSimulator.builder().school(SCHOOL).start();
        faults().totalCountHeader(false);
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        simulator.close();
    }

    /** Day one, synced and committed with these extra settings; the request log starts empty for day two. */
    RunReport dayOne(Map<String, String> extra) {
        gateway = SimulatedGateway.start(SimulatedGateway.settings(simulator, SCHOOL, state, extra));
        RunReport first = gateway.sync();
        assertThat(first.outcome()).as(first.reason()).isEqualTo(RunOutcome.COMPLETED);
        return first;
    }

    RequestLog log() {
        return simulator.requests(SCHOOL.estab());
    }

    SchoolFaults faults() {
        return simulator.faults(SCHOOL.estab());
    }

    List<Change> dayTwoChanges() {
        assertThat(gateway.deliveries()).hasSize(2);
        return gateway.deliveries().get(1).changes().changes().stream().filter(c -> c.entity().fromSource())
                .toList();
    }

    /** The entities the second run extracted twice: each pass starts at offset 0. */
    Set<Entity> extractedTwice() {
        Set<Entity> out = EnumSet.noneOf(Entity.class);
        for (Entity e : Entity.SOURCE) {
            if (log().requests(e).stream().filter(r -> "0".equals(r.param("offset"))).count() == 2) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void aRecordSkippedByPagingIsFoundByTheConfirmationPassAndOnlyARecordAbsentFromBothPassesIsDeleted() {
        dayOne(Map.of());
        Map<Entity, Integer> dayOneRequests = log().counts();
        log().reset();
        List<String> users = List.copyOf(SchoolGenerator.generate(SCHOOL).records(Entity.USERS).keySet());
        // the first user is deleted at the source once page one (which holds it) was served: offset 50 then
        // starts at what was the 52nd user, and the 51st is skipped
        String deleted = users.get(0);
        String skipped = users.get(50);
        faults().driftAfterPage(Entity.USERS, 1, SchoolFaults.Drift.DELETE);

        RunReport second = gateway.sync();

        assertThat(second.outcome()).as(second.reason()).isEqualTo(RunOutcome.COMPLETED);
        // the first pass still saw the deleted user, so this run deletes nothing, and the skipped one is kept
        assertThat(dayTwoChanges()).isEmpty();
        assertThat(gateway.deliveries().get(1).staged().records(Entity.USERS)).containsKeys(skipped, deleted)
                .hasSize(90);
        assertThat(second.warnings()).contains(
                "users: 1 record missed by paging during the first pass, found by the confirmation pass");
        // only users lost records, so only users were extracted again, and the run table counts both passes
        assertThat(extractedTwice()).containsExactly(Entity.USERS);
        assertThat(log().requests(Entity.USERS)).extracting(r -> r.param("offset"))
                .containsExactly("0", "50", "0", "50");
        assertThat(second.extraction().get(Entity.USERS).requests()).isEqualTo(4);
        assertThat(second.extraction().get(Entity.USERS).pages()).isEqualTo(4);
        Map<Entity, Integer> others = new EnumMap<>(log().counts());
        others.remove(Entity.USERS);
        Map<Entity, Integer> othersDayOne = new EnumMap<>(dayOneRequests);
        othersDayOne.remove(Entity.USERS);
        assertThat(others).isEqualTo(othersDayOne);

        RunReport third = gateway.sync();

        // absent from both passes of the next run: now, and only now, a hard delete
        assertThat(third.outcome()).as(third.reason()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(gateway.deliveries()).hasSize(3);
        assertThat(gateway.deliveries().get(2).changes().changes().stream().filter(c -> c.entity().fromSource()))
                .extracting(c -> new ExpectedChange(c.entity(), c.sourcedId(), c.reason()))
                .containsExactly(new ExpectedChange(Entity.USERS, deleted, ChangeReason.MISSING));
        assertThat(third.warnings()).noneMatch(w -> w.contains("confirmation pass"));
    }

    @Test
    void withDayTwoAndARecordSkippedByPagingExactlyTheDayTwoChangesArePublished() {
        dayOne(Map.of());
        DayTwo dayTwo = simulator.applyDayTwo(SCHOOL.estab());
        faults().driftAfterPage(Entity.USERS, 1, SchoolFaults.Drift.DELETE);

        RunReport second = gateway.sync();

        assertThat(second.outcome()).as(second.reason()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(dayTwoChanges()).extracting(c -> new ExpectedChange(c.entity(), c.sourcedId(), c.reason()))
                .containsExactlyInAnyOrderElementsOf(dayTwo.expected());
        assertThat(second.warnings()).contains(
                "users: 1 record missed by paging during the first pass, found by the confirmation pass");
    }

    @Test
    void withoutConfirmationTheSkippedRecordIsPublishedAsDeletedWhichIsWhyItIsOnByDefault() {
        dayOne(Map.of("xporter.confirm-deletes", "false"));
        log().reset();
        List<String> users = List.copyOf(SchoolGenerator.generate(SCHOOL).records(Entity.USERS).keySet());
        faults().driftAfterPage(Entity.USERS, 1, SchoolFaults.Drift.DELETE);

        RunReport second = gateway.sync();

        assertThat(second.outcome()).as(second.reason()).isEqualTo(RunOutcome.COMPLETED);
        // nothing was deleted by the school that this run could know of, yet the record that slid from offset 50
        // to 49 still exists and its consumers are told it was deleted: a change invented
        assertThat(dayTwoChanges()).extracting(c -> new ExpectedChange(c.entity(), c.sourcedId(), c.reason()))
                .containsExactly(new ExpectedChange(Entity.USERS, users.get(50), ChangeReason.MISSING));
        assertThat(extractedTwice()).isEmpty();
    }

    @Test
    void realHardDeletesAreConfirmedAndPublishedExactlyAsTheDayTwoScriptSays() {
        dayOne(Map.of());
        log().reset();
        DayTwo dayTwo = simulator.applyDayTwo(SCHOOL.estab());

        RunReport second = gateway.sync();

        assertThat(second.outcome()).as(second.reason()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(dayTwoChanges()).extracting(c -> new ExpectedChange(c.entity(), c.sourcedId(), c.reason()))
                .containsExactlyInAnyOrderElementsOf(dayTwo.expected());
        Set<Entity> withHardDeletes = dayTwo.expected().stream().filter(c -> c.reason() == ChangeReason.MISSING)
                .map(ExpectedChange::entity).collect(Collectors.toCollection(() -> EnumSet.noneOf(Entity.class)));
        assertThat(withHardDeletes).isNotEmpty();
        assertThat(extractedTwice()).isEqualTo(withHardDeletes);
        assertThat(second.warnings()).noneMatch(w -> w.contains("confirmation pass"));
    }

    @Test
    void aRunThatDeletesNothingMakesNoExtraRequest() {
        dayOne(Map.of());
        Map<Entity, Integer> dayOneRequests = log().counts();
        log().reset();

        RunReport second = gateway.sync();

        assertThat(second.outcome()).as(second.reason()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(dayTwoChanges()).isEmpty();
        assertThat(log().counts()).isEqualTo(dayOneRequests);
    }

    @Test
    void aFailingConfirmationPassFailsTheRunAndNothingIsPublished() {
        dayOne(Map.of());
        simulator.applyDayTwo(SCHOOL.estab());
        // the first pass of users (two pages) succeeds, the confirmation pass is refused
        faults().failAfterPages(Entity.USERS, 2, 400);

        RunReport second = gateway.sync();

        assertThat(second.outcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(second.reason()).contains("users");
        assertThat(gateway.deliveries()).hasSize(1);
        assertThat(log().requests(Entity.USERS)).extracting(r -> r.status()).endsWith(200, 200, 400);
    }
}

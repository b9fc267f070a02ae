package org.rosterbridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rosterbridge.change.SchoolData;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.School;
import org.rosterbridge.model.Secret;
import org.rosterbridge.model.User;

class SchoolExtractionTest {
    private static final School SCHOOL = new School("3281110", "test-rp", "Northfield Academy",
            Secret.of("correct-horse-9"));

    private static RecordVersion user(String id, String family) {
        return RecordVersion.of(SchoolData.user(id, "Ada", family));
    }

    /** Every entity extracted with one page; users with the given records, the others empty. */
    private static SchoolExtraction extracted(RecordVersion... users) {
        SchoolExtraction extraction = new SchoolExtraction(SCHOOL, 50, 3);
        for (Entity e : Entity.SOURCE) {
            page(extraction.pull(e), e == Entity.USERS ? users : new RecordVersion[0]);
        }
        return extraction;
    }

    private static void page(EntityPull pull, RecordVersion... records) {
        pull.countRequest();
        int fresh = 0;
        for (RecordVersion r : records) {
            fresh += pull.accept(r) ? 1 : 0;
        }
        pull.pageRead(records.length, fresh, null);
        pull.finish();
    }

    @Test
    void onlyEntitiesWithWouldBeDeletesAreExtractedAgain() {
        SchoolExtraction extraction = extracted(user("u1", "Lovelace"));

        extraction.absent(Map.of(Entity.USERS, Set.of("u2"), Entity.CLASSES, Set.of()));

        assertThat(extraction.confirmations()).singleElement().satisfies(p -> {
            assertThat(p.entity()).isEqualTo(Entity.USERS);
            assertThat(p.isConfirmation()).isTrue();
            assertThat(p.records()).isEmpty();
        });
        assertThat(extracted().confirmations()).isEmpty();
    }

    @Test
    void theStagedSnapshotIsTheUnionOfBothPassesAndTheRunTableCountsBoth() {
        SchoolExtraction extraction = extracted(user("u1", "Lovelace"), user("u3", "Hopper"));
        extraction.absent(Map.of(Entity.USERS, Set.of("u2")));
        EntityPull confirmation = extraction.confirmations().get(0);
        // u1 is gone by now, u2 was skipped by the first pass, u4 was created in between, u3 changed
        page(confirmation, user("u2", "Babbage"), user("u3", "Hopper-Murray"), user("u4", "Noether"));

        assertThat(extraction.confirmed()).isTrue();

        var users = extraction.snapshot().records(Entity.USERS);
        assertThat(users).containsOnlyKeys("u1", "u2", "u3", "u4");
        assertThat(users.get("u3").sameContent(user("u3", "Hopper")))
                .as("a record both passes found keeps the first pass's version").isTrue();
        assertThat(((User) users.get("u2").record()).familyName()).isEqualTo("Babbage");
        assertThat(extraction.warnings()).containsExactly(
                "users: 1 record missed by paging during the first pass, found by the confirmation pass");
        assertThat(extraction.stats().get(Entity.USERS)).satisfies(s -> {
            assertThat(s.pages()).isEqualTo(2);
            assertThat(s.requests()).isEqualTo(2);
            assertThat(s.records()).isEqualTo(4);
        });
    }

    @Test
    void aRecordAbsentFromBothPassesStaysAbsent() {
        SchoolExtraction extraction = extracted(user("u1", "Lovelace"));
        extraction.absent(Map.of(Entity.USERS, Set.of("u2")));
        page(extraction.confirmations().get(0), user("u1", "Lovelace"));

        extraction.confirmed();

        assertThat(extraction.snapshot().records(Entity.USERS)).containsOnlyKeys("u1");
        assertThat(extraction.warnings()).isEmpty();
    }

    @Test
    void anUnfinishedConfirmationPassMakesNoSnapshot() {
        SchoolExtraction extraction = extracted(user("u1", "Lovelace"));
        extraction.absent(Map.of(Entity.USERS, Set.of("u2")));
        extraction.confirmations();

        assertThatThrownBy(extraction::confirmed).hasMessageContaining("users confirmation pass did not finish");
        assertThat(extraction.warnings()).isEmpty();
    }
}

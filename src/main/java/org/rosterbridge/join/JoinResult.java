package org.rosterbridge.join;

import java.util.List;
import org.rosterbridge.change.Change;
import org.rosterbridge.change.ChangeSet;
import org.rosterbridge.model.Snapshot;

/**
 * What the roster join gives for one run.
 *
 * @param staged         the staged snapshot with its ROSTERS filled: every row of this run
 * @param changes        roster row changes, by the same rules as the source diff
 * @param orphans        enrollments whose user or class is not in the staged snapshot; they have no row
 * @param rowsRecomputed how many rows were built from their enrollment, user and class in this run (the others
 *                       were carried over from the committed snapshot untouched)
 */
public record JoinResult(Snapshot staged, List<Change> changes, List<ChangeSet.Orphan> orphans, int rowsRecomputed) {
    public JoinResult {
        changes = List.copyOf(changes);
        orphans = List.copyOf(orphans);
    }
}

package org.rosterbridge.change;

import org.rosterbridge.model.Snapshot;

/**
 * What one sink must deliver for one run, and what it commits once delivered.
 *
 * @param stagedWithRosters the run's staged snapshot with its roster rows: pass it to
 *                          {@link SnapshotStore#commit} once the sink has delivered {@code changes}
 * @param changes           source changes in {@link org.rosterbridge.model.Entity} order, then roster row changes;
 *                          orphaned enrollments counted beside them
 */
public record Detection(Snapshot stagedWithRosters, ChangeSet changes) {
}

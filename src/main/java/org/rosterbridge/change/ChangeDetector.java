package org.rosterbridge.change;

import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rosterbridge.join.JoinResult;
import org.rosterbridge.join.RosterJoin;
import org.rosterbridge.model.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's one call per sink: the source diff and the roster join of a staged snapshot against what that sink
 * last delivered. Pure computation: no state is read or written here, and nothing is judged: an empty or shrunken
 * staged snapshot gives its deletes here, and it is {@link MassChangeGuard#decide} that keeps them from being
 * published.
 */
public final class ChangeDetector {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeDetector.class);

    private final SnapshotDiff diff = new SnapshotDiff();
    private final RosterJoin join = new RosterJoin();

    /**
     * Changes from {@code committed} (what the sink last delivered, with its roster rows; empty on its first run) to
     * {@code staged} (the run's complete snapshot of the six source entities).
     */
    public Detection detect(Snapshot committed, Snapshot staged) {
        if (!committed.estab().equals(staged.estab())) {
            throw new IllegalArgumentException("committed snapshot of school " + committed.estab()
                    + " compared with staged snapshot of school " + staged.estab());
        }
        long start = System.nanoTime();
        List<Change> changes = diff.diff(committed, staged);
        JoinResult joined = join.join(committed, staged);
        changes.addAll(joined.changes());
        ChangeSet set = new ChangeSet(staged.estab(), changes, joined.orphans());
        LOG.debug("school {}: {} source and {} roster changes, {} rows rebuilt, {} orphans in {} ms", staged.estab(),
                changes.size() - joined.changes().size(), joined.changes().size(), joined.rowsRecomputed(),
                joined.orphans().size(), (System.nanoTime() - start) / 1_000_000);
        return new Detection(joined.staged(), set);
    }

    /**
     * {@link #detect} for every sink, computed once per distinct committed snapshot: sinks whose positions point at
     * the same run share one snapshot instance from {@link SnapshotStore#committed(String, java.util.Collection)}.
     */
    public Map<String, Detection> detectEach(Map<String, Snapshot> committedBySink, Snapshot staged) {
        Map<Snapshot, Detection> byCommitted = new IdentityHashMap<>();
        Map<String, Detection> bySink = new LinkedHashMap<>();
        committedBySink.forEach((sink, committed) ->
                bySink.put(sink, byCommitted.computeIfAbsent(committed, c -> detect(c, staged))));
        return bySink;
    }
}

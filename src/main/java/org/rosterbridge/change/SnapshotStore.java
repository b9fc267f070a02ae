package org.rosterbridge.change;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rosterbridge.model.Snapshot;

/**
 * The committed state of every school: per sink, the snapshot it last delivered (its position), and the mass-change
 * holds and approvals. One seam, so a store every instance reaches (a database) can replace the local files of
 * {@link FileSnapshotStore}. Implementations are safe for concurrent use; calls for different schools do not wait
 * for each other.
 */
public interface SnapshotStore {

    /** The snapshot {@code sinkId} last delivered for the school, roster rows included; empty when none. */
    default Snapshot committed(String estab, String sinkId) {
        return committed(estab, List.of(sinkId)).get(sinkId);
    }

    /**
     * The committed snapshot of each sink, in the order given. Sinks at the same position share one snapshot
     * instance, read once.
     */
    Map<String, Snapshot> committed(String estab, Collection<String> sinkIds);

    /**
     * Makes {@code staged} (with its roster rows) the committed snapshot of {@code sinkId}, after that sink delivered
     * every change of run {@code runId}. All or nothing: on failure the sink's previous position stands. Committing
     * another sink to the same run stores nothing again. Snapshots no sink's position names any more are removed.
     */
    void commit(String estab, String sinkId, String runId, Snapshot staged);

    /** The school's positions: sink id to the run id it last committed. */
    Map<String, String> positions(String estab);

    /** Records (or replaces) the school's pending hold. */
    void recordHold(Hold hold);

    Optional<Hold> pendingHold(String estab);

    /** Every school's pending hold, by estab. */
    List<Hold> pendingHolds();

    void clearHold(String estab);

    /** Records a one-shot approval, replacing any earlier one of that school. */
    void saveApproval(Approval approval);

    Optional<Approval> approval(String estab);

    void consumeApproval(String estab);
}

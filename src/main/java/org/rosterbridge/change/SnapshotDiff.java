package org.rosterbridge.change;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.Snapshot;

/**
 * Compares a run's complete staged snapshot with the snapshot a sink last delivered and says, per record, what a
 * consumer must be told.
 *
 * <p>The rules, for one sourcedId with its committed version (if any) and its staged version (if any):
 * <ul>
 *   <li>absent, then {@code active}: created / {@link ChangeReason#NEW};</li>
 *   <li>{@code tobedeleted}, then {@code active}: created / {@link ChangeReason#REACTIVATED};</li>
 *   <li>{@code active} in both with a different {@link org.rosterbridge.model.Fingerprint}: updated /
 *       {@link ChangeReason#MODIFIED}. The fingerprint covers the whole canonical record except
 *       {@code dateLastModified}, so a record whose timestamp alone moved is not an update, while any other field
 *       (including {@code metadata}) counts;</li>
 *   <li>{@code active}, then {@code tobedeleted}: deleted / {@link ChangeReason#TOBEDELETED};</li>
 *   <li>{@code active}, then absent: deleted / {@link ChangeReason#MISSING};</li>
 *   <li>anything else (same content; {@code tobedeleted} in both; {@code tobedeleted} then absent; first seen as
 *       {@code tobedeleted}): nothing, because a consumer never saw the record as live or sees it unchanged.</li>
 * </ul>
 * Absence only means deletion because the staged snapshot is complete: the pipeline never stages a failed or partial
 * extraction, an entity with {@link #missing} records is extracted once more and staged as the union of both passes
 * (offset paging over moving data can skip a record), and the {@link MassChangeGuard} holds an empty one.
 */
public final class SnapshotDiff {

    /**
     * Changes of the six source entities, in {@link Entity} order; within an entity, the staged snapshot's order
     * first, then hard deletes in the committed snapshot's order. Roster rows are left to the join. The list is
     * the caller's to extend.
     */
    public List<Change> diff(Snapshot committed, Snapshot staged) {
        List<Change> changes = new ArrayList<>();
        for (Entity entity : Entity.SOURCE) {
            forEachDifference(entity, committed, staged, (before, after) -> {
                Change c = change(before, after);
                if (c != null) {
                    changes.add(c);
                }
            });
        }
        return changes;
    }

    /**
     * The change a consumer sees between two versions of one record, by the rules above; null when there is none.
     * Either version may be null (absent), not both.
     */
    public static Change change(RecordVersion before, RecordVersion after) {
        if (after == null) {
            return before.active() ? new Change(before.entity(), before.sourcedId(), ChangeReason.MISSING, before, null)
                    : null;
        }
        if (after.active()) {
            if (before == null) {
                return new Change(after.entity(), after.sourcedId(), ChangeReason.NEW, null, after);
            }
            if (!before.active()) {
                // a create carries no before: the consumer's last view of the record was its deletion
                return new Change(after.entity(), after.sourcedId(), ChangeReason.REACTIVATED, null, after);
            }
            return before.sameContent(after) ? null
                    : new Change(after.entity(), after.sourcedId(), ChangeReason.MODIFIED, before, after);
        }
        return before != null && before.active()
                ? new Change(after.entity(), after.sourcedId(), ChangeReason.TOBEDELETED, before, after)
                : null;
    }

    /**
     * The sourcedIds of one entity that the committed snapshot has as {@code active} and the staged one lacks: the
     * records {@link #diff} would delete with {@link ChangeReason#MISSING}.
     */
    public static Set<String> missing(Entity entity, Snapshot committed, Snapshot staged) {
        Map<String, RecordVersion> after = staged.records(entity);
        Set<String> out = new LinkedHashSet<>();
        for (RecordVersion b : committed.records(entity).values()) {
            if (b.active() && !after.containsKey(b.sourcedId())) {
                out.add(b.sourcedId());
            }
        }
        return out;
    }

    /**
     * Visits every sourcedId of one entity whose version differs between the snapshots in presence, status or
     * content, including the transitions that emit nothing ({@code tobedeleted} then absent, say): the join must
     * still follow those to keep its rows true. Order: staged order, then committed-only ids in committed order.
     * The visitor receives (committed version or null, staged version or null).
     */
    public static void forEachDifference(Entity entity, Snapshot committed, Snapshot staged,
                                         BiConsumer<RecordVersion, RecordVersion> visitor) {
        Map<String, RecordVersion> before = committed.records(entity);
        Map<String, RecordVersion> after = staged.records(entity);
        int kept = 0;
        for (RecordVersion a : after.values()) {
            RecordVersion b = before.get(a.sourcedId());
            if (b == null) {
                visitor.accept(null, a);
            } else {
                kept++;
                if (b.status() != a.status() || !b.sameContent(a)) {
                    visitor.accept(b, a);
                }
            }
        }
        // ids are unique, so when every committed id was met above none is committed-only: a re-sync that deletes
        // nothing skips a second lookup per record
        if (kept == before.size()) {
            return;
        }
        for (RecordVersion b : before.values()) {
            if (!after.containsKey(b.sourcedId())) {
                visitor.accept(b, null);
            }
        }
    }
}

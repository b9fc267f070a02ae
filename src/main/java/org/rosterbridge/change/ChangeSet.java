package org.rosterbridge.change;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rosterbridge.model.Entity;

/**
 * The changes of one school's run as one sink will deliver them: per entity in {@link Entity} order (orgs before
 * the users that point at them), roster rows last. Orphaned enrollments are counted, never turned into rows.
 */
public record ChangeSet(String estab, List<Change> changes, List<Orphan> orphans) {
    private static final Entity[] ENTITIES = Entity.values();
    private static final ChangeOp[] OPS = ChangeOp.values();

    public ChangeSet {
        changes = List.copyOf(changes);
        orphans = List.copyOf(orphans);
    }

    public static ChangeSet none(String estab) {
        return new ChangeSet(estab, List.of(), List.of());
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    // plain loops over plain counters: a whole school's changes went through stream stages and boxed sums
    public List<Change> of(Entity entity) {
        List<Change> out = new ArrayList<>();
        for (Change c : changes) {
            if (c.entity() == entity) {
                out.add(c);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Counts per entity and op, for the run report. Entities with no change are left out. */
    public Map<Entity, Map<ChangeOp, Integer>> counts() {
        int[][] n = new int[ENTITIES.length][OPS.length];
        for (Change c : changes) {
            n[c.entity().ordinal()][c.op().ordinal()]++;
        }
        Map<Entity, Map<ChangeOp, Integer>> counts = new EnumMap<>(Entity.class);
        for (Entity entity : ENTITIES) {
            for (ChangeOp op : OPS) {
                int count = n[entity.ordinal()][op.ordinal()];
                if (count > 0) {
                    counts.computeIfAbsent(entity, e -> new EnumMap<>(ChangeOp.class)).put(op, count);
                }
            }
        }
        return counts;
    }

    /** An enrollment whose user or class is not in the same snapshot. */
    public record Orphan(String enrollmentSourcedId, String userSourcedId, String classSourcedId, String missing) {
    }
}

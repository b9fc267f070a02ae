package org.rosterbridge.change;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.rosterbridge.model.Entity;

/**
 * The changes of one school's run as one sink will deliver them: per entity in {@link Entity} order (orgs before
 * the users that point at them), roster rows last. Orphaned enrollments are counted, never turned into rows.
 */
public record ChangeSet(String estab, List<Change> changes, List<Orphan> orphans) {
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

    public List<Change> of(Entity entity) {
        return changes.stream().filter(c -> c.entity() == entity).toList();
    }

    /** Counts per entity and op, for the run report. Entities with no change are left out. */
    public Map<Entity, Map<ChangeOp, Integer>> counts() {
        Map<Entity, Map<ChangeOp, Integer>> counts = new EnumMap<>(Entity.class);
        for (Change c : changes) {
            counts.computeIfAbsent(c.entity(), e -> new EnumMap<>(ChangeOp.class)).merge(c.op(), 1, Integer::sum);
        }
        return counts;
    }

    /** An enrollment whose user or class is not in the same snapshot. */
    public record Orphan(String enrollmentSourcedId, String userSourcedId, String classSourcedId, String missing) {
    }
}

package org.rosterbridge.model;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every record of one school at one moment, per entity and by sourcedId, in the order they arrived. A snapshot is
 * either complete (all six source entities were extracted in full) or it does not exist: there is no partial one.
 */
public final class Snapshot {
    private final String estab;
    private final Map<Entity, Map<String, RecordVersion>> records;

    private Snapshot(String estab, Map<Entity, Map<String, RecordVersion>> records) {
        this.estab = estab;
        this.records = records;
    }

    public static Snapshot empty(String estab) {
        return builder(estab).build();
    }

    public static Builder builder(String estab) {
        return new Builder(estab);
    }

    public String estab() {
        return estab;
    }

    /** Records of one entity by sourcedId; empty, never null. */
    public Map<String, RecordVersion> records(Entity entity) {
        return records.get(entity);
    }

    public RecordVersion get(Entity entity, String sourcedId) {
        return records.get(entity).get(sourcedId);
    }

    public int size(Entity entity) {
        return records.get(entity).size();
    }

    /** All records of the six source entities (roster rows are derived, so not counted). */
    public int sourceSize() {
        int n = 0;
        for (Entity e : Entity.SOURCE) {
            n += size(e);
        }
        return n;
    }

    public boolean isEmpty() {
        return records.values().stream().allMatch(Map::isEmpty);
    }

    /** A copy of this snapshot with one entity's records replaced (used to add the derived roster rows). */
    public Snapshot with(Entity entity, Map<String, RecordVersion> entityRecords) {
        // the other entities' maps are unmodifiable already: shared, not copied (copying them was a tenth of a
        // first run's change detection)
        Map<Entity, Map<String, RecordVersion>> next = new EnumMap<>(records);
        next.put(entity, Collections.unmodifiableMap(new LinkedHashMap<>(entityRecords)));
        return new Snapshot(estab, Collections.unmodifiableMap(next));
    }

    /** Builds a snapshot entity by entity; not thread-safe. */
    public static final class Builder {
        private final String estab;
        private final Map<Entity, Map<String, RecordVersion>> records = new EnumMap<>(Entity.class);

        private Builder(String estab) {
            this.estab = estab;
            for (Entity e : Entity.values()) {
                records.put(e, new LinkedHashMap<>());
            }
        }

        /** Adds a version; returns false (and keeps the first) when that sourcedId is already present. */
        public boolean add(RecordVersion version) {
            return records.get(version.entity()).putIfAbsent(version.sourcedId(), version) == null;
        }

        public Builder putAll(Entity entity, Map<String, RecordVersion> entityRecords) {
            Map<String, RecordVersion> target = new LinkedHashMap<>(entityRecords);
            records.put(entity, target);
            return this;
        }

        public Snapshot build() {
            Map<Entity, Map<String, RecordVersion>> frozen = new EnumMap<>(Entity.class);
            records.forEach((e, m) -> frozen.put(e, Collections.unmodifiableMap(m)));
            return new Snapshot(estab, Collections.unmodifiableMap(frozen));
        }
    }
}

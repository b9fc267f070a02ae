package org.rosterbridge.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every record of one school at one moment, per entity and by sourcedId, in the order they arrived. A snapshot is
 * either complete (all six source entities were extracted in full) or it does not exist: there is no partial one.
 */
public final class Snapshot {
    private static final Entity[] ENTITIES = Entity.values();

    private final String estab;
    // by Entity ordinal: the maps themselves for lookups, read-only views of them for callers (get, through an
    // EnumMap and a view, was 2.6% of a first run's CPU)
    private final Map<String, RecordVersion>[] maps;
    private final Map<String, RecordVersion>[] views;

    private Snapshot(String estab, Map<String, RecordVersion>[] maps, Map<String, RecordVersion>[] views) {
        this.estab = estab;
        this.maps = maps;
        this.views = views;
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
        return views[entity.ordinal()];
    }

    public RecordVersion get(Entity entity, String sourcedId) {
        return maps[entity.ordinal()].get(sourcedId);
    }

    public int size(Entity entity) {
        return maps[entity.ordinal()].size();
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
        for (Map<String, RecordVersion> m : maps) {
            if (!m.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** A copy of this snapshot with one entity's records replaced (used to add the derived roster rows). */
    public Snapshot with(Entity entity, Map<String, RecordVersion> entityRecords) {
        // the other entities' maps are never modified: shared, not copied (copying them was a tenth of a first run's
        // change detection)
        Map<String, RecordVersion>[] nextMaps = maps.clone();
        Map<String, RecordVersion>[] nextViews = views.clone();
        Map<String, RecordVersion> copy = new LinkedHashMap<>(entityRecords);
        nextMaps[entity.ordinal()] = copy;
        nextViews[entity.ordinal()] = Collections.unmodifiableMap(copy);
        return new Snapshot(estab, nextMaps, nextViews);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, RecordVersion>[] perEntity() {
        return (Map<String, RecordVersion>[]) new Map<?, ?>[ENTITIES.length];
    }

    /** Builds a snapshot entity by entity; not thread-safe. */
    public static final class Builder {
        private final String estab;
        private final Map<String, RecordVersion>[] records = perEntity();

        private Builder(String estab) {
            this.estab = estab;
            for (int i = 0; i < records.length; i++) {
                records[i] = new LinkedHashMap<>();
            }
        }

        /** Adds a version; returns false (and keeps the first) when that sourcedId is already present. */
        public boolean add(RecordVersion version) {
            return records[version.entity().ordinal()].putIfAbsent(version.sourcedId(), version) == null;
        }

        public Builder putAll(Entity entity, Map<String, RecordVersion> entityRecords) {
            records[entity.ordinal()] = new LinkedHashMap<>(entityRecords);
            return this;
        }

        public Snapshot build() {
            Map<String, RecordVersion>[] maps = records.clone();
            Map<String, RecordVersion>[] views = perEntity();
            for (int i = 0; i < maps.length; i++) {
                views[i] = Collections.unmodifiableMap(maps[i]);
            }
            return new Snapshot(estab, maps, views);
        }
    }
}

package org.rosterbridge.source;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.School;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.sync.EntityStats;

/**
 * One school's extraction of all six entities, split into lanes that run in parallel (the entities of one lane run
 * one after another). It becomes a {@link Snapshot} only when every entity finished.
 */
public final class SchoolExtraction {
    /** Rough pages per entity for a UK secondary, so the big entities get lanes of their own. */
    private static final Map<Entity, Integer> WEIGHT = Map.of(Entity.ENROLLMENTS, 80, Entity.USERS, 17,
            Entity.CLASSES, 6, Entity.COURSES, 1, Entity.ACADEMIC_SESSIONS, 1, Entity.ORGS, 1);

    private final School school;
    private final long seniority;
    private final Map<Entity, EntityPull> pulls = new EnumMap<>(Entity.class);
    private final List<List<EntityPull>> lanes;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Map<Entity, Set<String>> absent = new EnumMap<>(Entity.class);
    private final List<EntityPull> confirmations = new ArrayList<>();

    SchoolExtraction(School school, int limit, int laneCount) {
        this(school, limit, laneCount, 0);
    }

    /** {@code seniority}: the order in which extractions began, which their requests are served in. */
    SchoolExtraction(School school, int limit, int laneCount, long seniority) {
        this.school = school;
        this.seniority = seniority;
        for (Entity e : Entity.SOURCE) {
            pulls.put(e, new EntityPull(school, e, limit, cancelled));
        }
        this.lanes = lanes(laneCount);
    }

    /** Greedy: heaviest entity first, each into the lightest lane. Deterministic. */
    private List<List<EntityPull>> lanes(int count) {
        int n = Math.max(1, Math.min(count, pulls.size()));
        List<List<EntityPull>> out = new ArrayList<>();
        int[] load = new int[n];
        for (int i = 0; i < n; i++) {
            out.add(new ArrayList<>());
        }
        List<Entity> byWeight = new ArrayList<>(Entity.SOURCE);
        byWeight.sort((a, b) -> Integer.compare(WEIGHT.get(b), WEIGHT.get(a)));
        for (Entity e : byWeight) {
            int lightest = 0;
            for (int i = 1; i < n; i++) {
                if (load[i] < load[lightest]) {
                    lightest = i;
                }
            }
            out.get(lightest).add(pulls.get(e));
            load[lightest] += WEIGHT.get(e);
        }
        for (List<EntityPull> lane : out) {
            lane.sort((a, b) -> Integer.compare(a.entity().ordinal(), b.entity().ordinal()));
        }
        return out;
    }

    /** Lower for an extraction that began earlier: its requests go first (see {@link RequestGate}). */
    long seniority() {
        return seniority;
    }

    public School school() {
        return school;
    }

    public List<List<EntityPull>> lanes() {
        return lanes;
    }

    public EntityPull pull(Entity entity) {
        return pulls.get(entity);
    }

    public void cancel() {
        cancelled.set(true);
    }

    void warn(String warning) {
        warnings.add(warning);
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    public Set<Entity> skipped() {
        Set<Entity> out = EnumSet.noneOf(Entity.class);
        pulls.forEach((e, p) -> {
            if (p.skipped()) {
                out.add(e);
            }
        });
        return out;
    }

    public Map<Entity, EntityStats> stats() {
        Map<Entity, EntityStats> out = new EnumMap<>(Entity.class);
        pulls.forEach((e, p) -> out.put(e, p.stats()));
        return out;
    }

    /**
     * Names, per entity, the sourcedIds that some sink has as active but this extraction lacks: the records whose
     * absence would be published as a hard delete. Skipped entities are left out (their records are carried).
     */
    public void absent(Map<Entity, Set<String>> wouldBeDeleted) {
        wouldBeDeleted.forEach((e, ids) -> {
            if (!ids.isEmpty() && !pulls.get(e).skipped()) {
                absent.put(e, Set.copyOf(ids));
            }
        });
    }

    /** One new pull per entity with would-be deletes (none on a run that deletes nothing): the confirmation passes. */
    List<EntityPull> confirmations() {
        confirmations.clear();
        absent.keySet().forEach(e -> confirmations.add(pulls.get(e).confirmation()));
        return List.copyOf(confirmations);
    }

    /**
     * Folds the finished confirmation passes into the first: a record is staged when either pass found it, so only a
     * record absent from both is deleted by absence.
     *
     * @return whether anything was confirmed (when not, the staged snapshot stands as it was)
     */
    boolean confirmed() {
        for (EntityPull c : confirmations) {
            if (c.skipped()) {
                throw new XporterException.Inconsistent(school, c.entity(), "the confirmation pass was refused "
                        + "(HTTP 403), so records missing from the first pass cannot be confirmed deleted");
            }
            if (!c.done()) {
                throw new IllegalStateException(school.label() + ": " + c.entity()
                        + " confirmation pass did not finish; no snapshot is made from a partial extraction");
            }
        }
        for (EntityPull c : confirmations) {
            List<String> added = pulls.get(c.entity()).absorb(c);
            long missed = added.stream().filter(absent.get(c.entity())::contains).count();
            if (missed > 0) {
                warn(c.entity() + ": " + missed + (missed == 1 ? " record" : " records")
                        + " missed by paging during the first pass, found by the confirmation pass");
            }
        }
        return !confirmations.isEmpty();
    }

    /** The complete snapshot; refuses when any entity did not finish, because a partial snapshot must not exist. */
    public Snapshot snapshot() {
        Snapshot.Builder b = Snapshot.builder(school.estab());
        for (EntityPull p : pulls.values()) {
            if (!p.done()) {
                throw new IllegalStateException(school.label() + ": " + p.entity()
                        + " did not finish; no snapshot is made from a partial extraction");
            }
            b.putAll(p.entity(), p.records());
        }
        return b.build();
    }
}

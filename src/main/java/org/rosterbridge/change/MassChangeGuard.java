package org.rosterbridge.change;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a run that would delete or lose too much of a school at once, so that a bad MIS export cannot unenrol a
 * whole school: such a run publishes nothing and commits nothing until an operator approves it.
 *
 * <p>A run is held when, against what was committed, the source deletes exceed {@code gateway.mass-change-threshold}
 * (default 30%) of the active source records, or the active count shrinks by more than that share (a shrink is
 * always matched by at least as many deletes, so the one test covers both); the same test
 * runs per entity for every entity with at least {@value #ENTITY_MINIMUM} active committed records, so losing most
 * enrollments is caught while users are intact. A first run (nothing committed) is never held. An empty staged
 * snapshot against a non-empty committed one is always held and cannot be approved: an empty export is taken for a
 * failed one, never for deletes. {@code bin/rosterbridge approve ESTAB} releases the next held run of that school
 * once; {@code gateway.approve-mass-changes} releases a school's (or, with {@code *}, every school's) runs always.
 */
public final class MassChangeGuard {
    private static final Logger LOG = LoggerFactory.getLogger(MassChangeGuard.class);
    /** Entities smaller than this are judged only within the school's total: 3 of 5 courses is no mass change. */
    public static final int ENTITY_MINIMUM = 20;

    private final ChangeSettings settings;
    private final SnapshotStore store;
    private final Clock clock;

    public MassChangeGuard(ChangeSettings settings, SnapshotStore store) {
        this(settings, store, Clock.systemUTC());
    }

    public MassChangeGuard(ChangeSettings settings, SnapshotStore store, Clock clock) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
    }

    /**
     * Before publishing: may this run go ahead? {@code committed} holds the committed snapshot of every sink (the
     * run is held if any of them would see a mass change). A held run is recorded as the school's pending hold; a
     * run that passes clears an earlier one. Publish nothing when the verdict is {@link Verdict#held()}; otherwise
     * call {@link #runCommitted} once every sink has committed.
     */
    public Verdict decide(String estab, String runId, Snapshot staged, Collection<Snapshot> committed) {
        Assessment worst = null;
        Set<Snapshot> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Snapshot c : committed.isEmpty() ? List.of(Snapshot.empty(estab)) : committed) {
            if (seen.add(c)) {
                Assessment a = assessment(c, staged);
                if (worst == null || a.wouldHold() && !worst.wouldHold()) {
                    worst = a;
                }
            }
        }
        if (!worst.wouldHold()) {
            store.clearHold(estab);
            return verdict(estab, worst);
        }
        if (!worst.empty() && settings.approvedAhead(estab)) {
            store.clearHold(estab);
            String reason = String.format(Locale.ROOT, "School %s: mass change let through because %s lists it: %s",
                    estab, ChangeSettings.APPROVE_MASS_CHANGES, worst.findings());
            LOG.warn("{}", reason);
            return new Verdict(Verdict.Decision.APPROVED_AHEAD, reason, worst.total(), worst.perEntity());
        }
        Optional<Approval> approval = worst.empty() ? Optional.empty() : store.approval(estab);
        if (approval.isPresent()) {
            String reason = String.format(Locale.ROOT,
                    "School %s: mass change released by the one-shot approval of %s at %s: %s", estab,
                    approval.get().approvedBy(), approval.get().approvedAt(), worst.findings());
            LOG.warn("{}", reason);
            return new Verdict(Verdict.Decision.APPROVED_ONCE, reason, worst.total(), worst.perEntity());
        }
        Verdict held = verdict(estab, worst);
        store.recordHold(new Hold(estab, runId, clock.instant(), held.reason(), held.total(), held.perEntity()));
        LOG.warn("{}", held.reason());
        return held;
    }

    /** After every sink committed the run: a one-shot approval it used is spent, and no hold is pending. */
    public void runCommitted(String estab, Verdict verdict) {
        if (verdict.decision() == Verdict.Decision.APPROVED_ONCE) {
            store.consumeApproval(estab);
            store.clearHold(estab);
            LOG.info("school {}: approved mass change committed; the approval is used up", estab);
        }
    }

    /**
     * Records an operator's one-shot approval for the school's next held run. Returns the hold it releases, if one
     * is pending, so the command can show what the operator let through.
     */
    public Optional<Hold> approve(String estab, String approvedBy) {
        Optional<Hold> pending = store.pendingHold(estab);
        store.saveApproval(new Approval(estab, approvedBy, clock.instant(), pending.map(Hold::runId).orElse(null)));
        LOG.info("school {}: mass change approved by {}{}", estab, approvedBy,
                pending.map(h -> ", releasing held run " + h.runId()).orElse(" ahead of any hold"));
        return pending;
    }

    /** Every school waiting for an approval. */
    public List<Hold> pendingHolds() {
        return store.pendingHolds();
    }

    /** The threshold test alone, for one committed snapshot: {@link Verdict.Decision#PASSED} or {@code HELD}. */
    public Verdict assess(Snapshot committed, Snapshot staged) {
        return verdict(staged.estab(), assessment(committed, staged));
    }

    /**
     * What the counts say before approvals are looked at.
     *
     * @param empty    the staged snapshot is empty while the committed one is not
     * @param findings what exceeds the threshold, as a sentence; null when nothing does
     */
    private record Assessment(Verdict.Count total, Map<Entity, Verdict.Count> perEntity, int committedRecords,
                              boolean empty, String findings) {
        boolean wouldHold() {
            return empty || findings != null;
        }
    }

    private Assessment assessment(Snapshot committed, Snapshot staged) {
        Map<Entity, Verdict.Count> perEntity = new EnumMap<>(Entity.class);
        int committedActive = 0;
        int stagedActive = 0;
        int deletes = 0;
        for (Entity entity : Entity.SOURCE) {
            Verdict.Count count = count(committed.records(entity), staged.records(entity));
            perEntity.put(entity, count);
            committedActive += count.committedActive();
            stagedActive += count.stagedActive();
            deletes += count.deletes();
        }
        Verdict.Count total = new Verdict.Count(committedActive, stagedActive, deletes);
        if (committed.sourceSize() == 0) {
            return new Assessment(total, perEntity, 0, false, null);
        }
        if (staged.sourceSize() == 0) {
            return new Assessment(total, perEntity, committed.sourceSize(), true, null);
        }
        List<String> findings = new ArrayList<>();
        finding("records", total).ifPresent(findings::add);
        for (Entity entity : Entity.SOURCE) {
            Verdict.Count count = perEntity.get(entity);
            if (count.committedActive() >= ENTITY_MINIMUM) {
                finding(entity.collection(), count).ifPresent(findings::add);
            }
        }
        return new Assessment(total, perEntity, committed.sourceSize(), false, findings.isEmpty() ? null
                : String.format(Locale.ROOT, "this run would delete %s, more than the threshold of %s (%s)",
                        String.join("; ", findings),
                        percent(settings.massChangeThreshold()), ChangeSettings.MASS_CHANGE_THRESHOLD));
    }

    private static Verdict verdict(String estab, Assessment a) {
        if (a.empty()) {
            return new Verdict(Verdict.Decision.HELD, String.format(Locale.ROOT,
                    "School %s is held: Xporter returned no records at all, against %,d committed. An empty export is "
                            + "taken for a failed one, never for deletes, so nothing was published or committed and "
                            + "this cannot be approved. Check the school's Xporter setup; if the school has really "
                            + "left, remove it from the configuration.", estab, a.committedRecords()),
                    a.total(), a.perEntity());
        }
        if (a.findings() == null) {
            return new Verdict(Verdict.Decision.PASSED, null, a.total(), a.perEntity());
        }
        return new Verdict(Verdict.Decision.HELD, String.format(Locale.ROOT,
                "School %s is held by the mass-change guard: %s. Nothing was published or committed. Check the MIS "
                        + "export; if the change is real, release the next run with: bin/rosterbridge approve %s "
                        + "(or list the school in %s).", estab, a.findings(), estab,
                ChangeSettings.APPROVE_MASS_CHANGES), a.total(), a.perEntity());
    }

    /**
     * The deletes test covers the shrink test too: records that stay active count on both sides, so the active count
     * can only fall by deletes less creates. Both numbers go into the sentence.
     */
    private Optional<String> finding(String what, Verdict.Count count) {
        if (count.deletes() <= settings.massChangeThreshold() * count.committedActive()) {
            return Optional.empty();
        }
        return Optional.of(String.format(Locale.ROOT,
                "%,d of %,d active %s (%s), leaving %,d active", count.deletes(),
                count.committedActive(), what, percent((double) count.deletes() / count.committedActive()),
                count.stagedActive()));
    }

    private static Verdict.Count count(Map<String, RecordVersion> committed, Map<String, RecordVersion> staged) {
        int committedActive = 0;
        int deletes = 0;
        for (RecordVersion before : committed.values()) {
            if (before.active()) {
                committedActive++;
                RecordVersion after = staged.get(before.sourcedId());
                if (after == null || !after.active()) {
                    deletes++;
                }
            }
        }
        int stagedActive = 0;
        for (RecordVersion after : staged.values()) {
            if (after.active()) {
                stagedActive++;
            }
        }
        return new Verdict.Count(committedActive, stagedActive, deletes);
    }

    private static String percent(double share) {
        double p = Math.round(share * 1000) / 10.0;
        return (p == Math.rint(p) ? String.format(Locale.ROOT, "%.0f", p) : String.format(Locale.ROOT, "%.1f", p))
                + "%";
    }
}

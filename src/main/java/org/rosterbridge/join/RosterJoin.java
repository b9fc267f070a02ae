package org.rosterbridge.join;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rosterbridge.change.Change;
import org.rosterbridge.change.ChangeSet;
import org.rosterbridge.change.SnapshotDiff;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Enrollment;
import org.rosterbridge.model.GuidRef;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.RosterRow;
import org.rosterbridge.model.SchoolClass;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;
import org.rosterbridge.model.User;

/**
 * Joins enrollments with their user and class into roster rows, maintained from what changed since the committed
 * snapshot rather than rebuilt every run.
 *
 * <p>A row is the enrollment (its sourcedId, role, dates, school, metadata) with {@link RosterRow.UserSummary} and
 * {@link RosterRow.ClassSummary}; it is {@code tobedeleted} when any of the three is. Only rows whose enrollment, user
 * or class differs between the snapshots are built again; every other row is the committed version, carried over.
 * A user or class change outside the summaries (a phone number, say) rebuilds the row to the same fingerprint, so it
 * gives no roster change. Row changes follow {@link SnapshotDiff#change}: a row that goes because its enrollment,
 * user or class went {@code tobedeleted} is a {@code tobedeleted} delete, one that goes because any of them
 * disappeared is a {@code missing} delete. An enrollment whose user or class is absent from the staged snapshot is an
 * orphan: reported, never turned into a row.
 */
public final class RosterJoin {

    /** The first run's path: every row built from the staged snapshot, every active row created. */
    public JoinResult build(Snapshot staged) {
        return join(Snapshot.empty(staged.estab()), staged, true);
    }

    /** Rows of {@code staged}, reusing {@code committed}'s rows that nothing touched, and their changes. */
    public JoinResult join(Snapshot committed, Snapshot staged) {
        // a committed snapshot without rows (first run, or state written before rows existed) gives nothing to reuse
        return join(committed, staged, committed.records(Entity.ROSTERS).isEmpty());
    }

    private JoinResult join(Snapshot committed, Snapshot staged, boolean full) {
        Map<String, RecordVersion> committedRows = committed.records(Entity.ROSTERS);
        Set<String> touched = full ? Set.of() : touchedEnrollments(committed, staged);
        Map<String, RecordVersion> enrollments = staged.records(Entity.ENROLLMENTS);
        Map<String, RecordVersion> rows = new LinkedHashMap<>(enrollments.size() * 4 / 3 + 1);
        List<Change> changes = new ArrayList<>();
        List<ChangeSet.Orphan> orphans = new ArrayList<>();
        int recomputed = 0;

        for (RecordVersion ev : enrollments.values()) {
            String id = ev.sourcedId();
            RecordVersion before = full ? null : committedRows.get(id);
            if (before != null && !touched.contains(id)) {
                rows.put(id, before);
                continue;
            }
            Enrollment enrollment = ev.as(Enrollment.class);
            RecordVersion user = lookUp(staged, Entity.USERS, enrollment.user());
            RecordVersion schoolClass = lookUp(staged, Entity.CLASSES, enrollment.schoolClass());
            if (user == null || schoolClass == null) {
                orphans.add(orphan(enrollment, user == null, schoolClass == null));
                continue;
            }
            RecordVersion row = RecordVersion.derived(row(enrollment, user.as(User.class), schoolClass.as(SchoolClass.class)));
            recomputed++;
            rows.put(id, row);
            Change change = SnapshotDiff.change(before, row);
            if (change != null) {
                changes.add(change);
            }
        }
        if (!full) {
            for (RecordVersion before : committedRows.values()) {
                if (!rows.containsKey(before.sourcedId())) {
                    Change change = SnapshotDiff.change(before, null);
                    if (change != null) {
                        changes.add(change);
                    }
                }
            }
        }
        return new JoinResult(staged.with(Entity.ROSTERS, rows), changes, orphans, recomputed);
    }

    /**
     * Enrollments whose row may differ: the enrollment itself differs, or its staged user or class does. A committed
     * row needs no index of its own: if its enrollment still points at the changed user or class, the staged
     * enrollment finds it; if the enrollment moved or went, it is an enrollment difference already. That spares
     * parsing every stored enrollment.
     */
    private static Set<String> touchedEnrollments(Snapshot committed, Snapshot staged) {
        Set<String> touched = new HashSet<>();
        SnapshotDiff.forEachDifference(Entity.ENROLLMENTS, committed, staged,
                (before, after) -> touched.add(before != null ? before.sourcedId() : after.sourcedId()));
        Set<String> users = differing(Entity.USERS, committed, staged);
        Set<String> classes = differing(Entity.CLASSES, committed, staged);
        if (users.isEmpty() && classes.isEmpty()) {
            return touched;
        }
        for (RecordVersion ev : staged.records(Entity.ENROLLMENTS).values()) {
            Enrollment e = ev.as(Enrollment.class);
            if (refersTo(e.user(), users) || refersTo(e.schoolClass(), classes)) {
                touched.add(e.sourcedId());
            }
        }
        return touched;
    }

    private static Set<String> differing(Entity entity, Snapshot committed, Snapshot staged) {
        Set<String> ids = new HashSet<>();
        SnapshotDiff.forEachDifference(entity, committed, staged,
                (before, after) -> ids.add(before != null ? before.sourcedId() : after.sourcedId()));
        return ids;
    }

    private static boolean refersTo(GuidRef ref, Set<String> ids) {
        return ref != null && ids.contains(ref.sourcedId());
    }

    private static RecordVersion lookUp(Snapshot staged, Entity entity, GuidRef ref) {
        return ref == null ? null : staged.get(entity, ref.sourcedId());
    }

    static RosterRow row(Enrollment e, User u, SchoolClass c) {
        Status status = e.active() && u.active() && c.active() ? Status.ACTIVE : Status.TOBEDELETED;
        return new RosterRow(e.sourcedId(), status, latest(latest(e.dateLastModified(), u.dateLastModified()),
                c.dateLastModified()), e.role(), e.primary(), e.beginDate(), e.endDate(), e.school(),
                RosterRow.UserSummary.of(u), RosterRow.ClassSummary.of(c), e.metadata());
    }

    private static Instant latest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static ChangeSet.Orphan orphan(Enrollment e, boolean noUser, boolean noClass) {
        String missing = noUser && noClass ? "user and class" : noUser ? "user" : "class";
        return new ChangeSet.Orphan(e.sourcedId(), e.user() == null ? null : e.user().sourcedId(),
                e.schoolClass() == null ? null : e.schoolClass().sourcedId(), missing);
    }
}

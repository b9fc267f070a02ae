package org.rosterbridge.sink.kafka;

import java.time.Instant;
import org.rosterbridge.change.ChangeDetector;
import org.rosterbridge.change.Detection;
import org.rosterbridge.change.SchoolData;
import org.rosterbridge.model.School;
import org.rosterbridge.model.Secret;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.sync.Delivery;

/** Deliveries as the pipeline hands them to the Kafka sink, computed from synthetic snapshots. */
final class Deliveries {
    static final School SCHOOL = new School(SchoolData.ESTAB, "partner-rp", "Northfield Academy",
            Secret.of("not-a-real-secret"));

    private Deliveries() {
    }

    /** What the sink delivers going from {@code committed} (with its roster rows) to {@code staged}. */
    static Delivery between(Snapshot committed, Snapshot staged, String runId, Instant startedAt) {
        Detection d = new ChangeDetector().detect(committed, staged);
        return new Delivery("kafka", SCHOOL, runId, startedAt, d.stagedWithRosters(), committed, d.changes());
    }

    static Delivery first(Snapshot staged, String runId) {
        return between(Snapshot.empty(staged.estab()), staged, runId, SchoolData.T0);
    }

    /** The committed snapshot (roster rows included) after delivering {@code staged} from {@code committed}. */
    static Snapshot committedAfter(Snapshot committed, Snapshot staged) {
        return new ChangeDetector().detect(committed, staged).stagedWithRosters();
    }
}

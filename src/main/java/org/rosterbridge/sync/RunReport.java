package org.rosterbridge.sync;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.model.Entity;

/**
 * The report of one school's run: logged, counted in metrics and published on the runs topic. Holds no secret and
 * no pupil data, only counts and reasons.
 *
 * @param extraction per source entity; empty when the run failed before extraction finished
 * @param changes    per sink id, the counts per entity and op that sink delivered (or would have, when held)
 * @param reason     why the run failed or was held; null when it completed
 */
public record RunReport(
        String runId,
        String estab,
        String schoolName,
        RunOutcome outcome,
        Instant startedAt,
        Instant finishedAt,
        Map<Entity, EntityStats> extraction,
        Map<String, Map<Entity, Map<ChangeOp, Integer>>> changes,
        int orphans,
        List<String> warnings,
        String reason) {
}

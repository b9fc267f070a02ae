package org.rosterbridge.change;

import java.time.Instant;
import java.util.Map;
import org.rosterbridge.model.Entity;

/** A school's run that the mass-change guard stopped, pending an operator's approval. Counts only, no pupil data. */
public record Hold(String estab, String runId, Instant heldAt, String reason, Verdict.Count total,
                   Map<Entity, Verdict.Count> perEntity) {
    public Hold {
        perEntity = perEntity == null ? Map.of() : Map.copyOf(perEntity);
    }
}

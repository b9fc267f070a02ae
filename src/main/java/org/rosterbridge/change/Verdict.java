package org.rosterbridge.change;

import java.util.Map;
import org.rosterbridge.model.Entity;

/**
 * The mass-change guard's answer for one run.
 *
 * @param decision  whether the run may publish, and why
 * @param reason    for an operator: what would be deleted, of how many, the threshold and how to approve; null when
 *                  the run passed without needing approval
 * @param total     the counts over the six source entities
 * @param perEntity the counts of each source entity
 */
public record Verdict(Decision decision, String reason, Count total, Map<Entity, Count> perEntity) {
    public Verdict {
        perEntity = Map.copyOf(perEntity);
    }

    public enum Decision {
        /** Within the threshold (or the first run): publish. */
        PASSED,
        /** Over the threshold: publish nothing, commit nothing, wait for {@code bin/rosterbridge approve}. */
        HELD,
        /** Over the threshold, released by an operator's one-shot approval, consumed when the run commits. */
        APPROVED_ONCE,
        /** Over the threshold, released by {@code gateway.approve-mass-changes}. */
        APPROVED_AHEAD
    }

    /**
     * Active records before and after, and the deletes between them (active records that went {@code tobedeleted}
     * or disappeared).
     */
    public record Count(int committedActive, int stagedActive, int deletes) {
    }

    public boolean held() {
        return decision == Decision.HELD;
    }
}

package org.rosterbridge.change;

import java.util.Objects;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.RecordVersion;

/**
 * One record's change between the committed and the staged snapshot. {@code before} is null for a create,
 * {@code after} is null for a hard delete ({@link ChangeReason#MISSING}); a soft delete has both.
 */
public record Change(Entity entity, String sourcedId, ChangeReason reason, RecordVersion before, RecordVersion after) {
    public Change {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(sourcedId, "sourcedId");
        Objects.requireNonNull(reason, "reason");
        if (before == null && after == null) {
            throw new IllegalArgumentException("a change needs a before or an after");
        }
    }

    public ChangeOp op() {
        return reason.op();
    }

    /** The version that describes the record now: {@code after}, or {@code before} for a hard delete. */
    public RecordVersion latest() {
        return after != null ? after : before;
    }
}

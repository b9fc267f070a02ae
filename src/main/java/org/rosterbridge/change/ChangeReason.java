package org.rosterbridge.change;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a change was emitted. Every delete says whether Xporter marked the record or it disappeared. */
public enum ChangeReason {
    /** created: not in the committed snapshot (or the first run). */
    NEW(ChangeOp.CREATED),
    /** created: was {@code tobedeleted} in the committed snapshot and is {@code active} again. */
    REACTIVATED(ChangeOp.CREATED),
    /** updated: the canonical content changed ({@code dateLastModified} alone does not count). */
    MODIFIED(ChangeOp.UPDATED),
    /** deleted: Xporter now marks the record {@code tobedeleted} (soft delete). */
    TOBEDELETED(ChangeOp.DELETED),
    /** deleted: absent from a complete snapshot (hard delete). */
    MISSING(ChangeOp.DELETED);

    private final ChangeOp op;

    ChangeReason(ChangeOp op) {
        this.op = op;
    }

    public ChangeOp op() {
        return op;
    }

    @JsonValue
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

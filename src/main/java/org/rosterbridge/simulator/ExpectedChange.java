package org.rosterbridge.simulator;

import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.change.ChangeReason;
import org.rosterbridge.model.Entity;

/** One change a consumer must be told about after the day-two script ran, in the gateway's own vocabulary. */
public record ExpectedChange(Entity entity, String sourcedId, ChangeReason reason) {

    public ChangeOp op() {
        return reason.op();
    }

    @Override
    public String toString() {
        return entity + "/" + sourcedId + " " + op().wire() + " (" + reason.wire() + ")";
    }
}

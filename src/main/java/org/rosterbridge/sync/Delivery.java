package org.rosterbridge.sync;

import java.time.Instant;
import org.rosterbridge.change.ChangeSet;
import org.rosterbridge.model.School;
import org.rosterbridge.model.Snapshot;

/**
 * What a sink route receives as its message body: one school's complete staged snapshot (roster rows included) and
 * the changes since the snapshot this sink last delivered. A sink route succeeds only once its destination has
 * everything (Kafka acks, the renamed SFTP file); any exception leaves that sink's position where it was.
 *
 * @param sinkId    the sink's name, which is also the name of its committed position in the state
 * @param previous  the snapshot this sink last delivered (empty on its first run)
 */
public record Delivery(
        String sinkId,
        School school,
        String runId,
        Instant startedAt,
        Snapshot staged,
        Snapshot previous,
        ChangeSet changes) {
}

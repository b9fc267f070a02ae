package org.rosterbridge.simulator;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.rosterbridge.model.CanonicalJson;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.source.RecordReader;

/** Reads what the simulator would serve through the gateway's own record reader, without a socket. */
final class SimulatedRecords {
    private SimulatedRecords() {
    }

    static Snapshot snapshot(ServedSchool school) {
        Snapshot.Builder b = Snapshot.builder(school.school().estab());
        for (Entity e : Entity.SOURCE) {
            for (byte[] json : school.records(e)) {
                if (!b.add(read(e, json))) {
                    throw new AssertionError(e + " served a sourcedId twice");
                }
            }
        }
        return b.build();
    }

    static RecordVersion read(Entity entity, byte[] json) {
        try (JsonParser p = CanonicalJson.mapper().createParser(json)) {
            p.nextToken();
            return RecordVersion.of(RecordReader.read(entity, p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

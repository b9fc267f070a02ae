package org.rosterbridge.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.Snapshot;

/** Generated schools as the gateway would stage them (day one, and after the day-two script), for other packages' tests. */
public final class GeneratedSchools {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GeneratedSchools() {
    }

    public static Snapshot dayOne(SimulatedSchool school) {
        return staged(SchoolGenerator.generate(school));
    }

    public static Snapshot dayTwo(SimulatedSchool school) {
        SchoolData data = SchoolGenerator.generate(school);
        DayTwo.applyTo(data);
        return staged(data);
    }

    private static Snapshot staged(SchoolData data) {
        Map<Entity, List<byte[]>> pages = data.render(node -> {
            try {
                return JSON.writeValueAsBytes(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
        Snapshot.Builder b = Snapshot.builder(data.school().estab());
        for (Entity e : Entity.SOURCE) {
            for (byte[] json : pages.get(e)) {
                RecordVersion v = SimulatedRecords.read(e, json);
                if (!b.add(v)) {
                    throw new AssertionError(e + " generated a sourcedId twice");
                }
            }
        }
        return b.build();
    }
}

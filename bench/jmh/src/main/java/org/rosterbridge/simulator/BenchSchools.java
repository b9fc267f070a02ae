package org.rosterbridge.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.rosterbridge.model.Entity;

/**
 * The simulator's generated schools as the records it serves, day one and after the day-two script, so that the
 * benchmarks read the same bytes the end-to-end runs do.
 */
public final class BenchSchools {
    private static final ObjectMapper JSON = new ObjectMapper();

    private BenchSchools() {
    }

    /** Each entity's records in Xporter's shape, one JSON object per record, in paging order. */
    public static Map<Entity, List<byte[]>> dayOne(String estab, int pupils) {
        return render(SchoolGenerator.generate(school(estab, pupils)));
    }

    /** The same school after the day-two script: a dozen changes of every kind, and one timestamp-only move. */
    public static Map<Entity, List<byte[]>> dayTwo(String estab, int pupils) {
        SchoolData data = SchoolGenerator.generate(school(estab, pupils));
        DayTwo.applyTo(data);
        return render(data);
    }

    private static SimulatedSchool school(String estab, int pupils) {
        return SimulatedSchool.secondary(estab, "bench-rp", "bench-secret", null)
                .withSize(pupils, Math.max(2, pupils / 10));
    }

    private static Map<Entity, List<byte[]>> render(SchoolData data) {
        return data.render(node -> {
            try {
                return JSON.writeValueAsBytes(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}

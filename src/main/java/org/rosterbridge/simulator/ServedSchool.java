package org.rosterbridge.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.rosterbridge.model.Entity;

/**
 * A school as the server holds it: each entity's records already serialised, so a page is a concatenation of
 * bytes, plus the school's faults and request log. The data is generated on first use and replaced whole by the
 * day-two script or a drift, so a page in flight always reads one consistent version.
 */
final class ServedSchool {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SimulatedSchool school;
    private final SchoolFaults faults = new SchoolFaults();
    private final RequestLog log = new RequestLog();
    private volatile Map<Entity, List<byte[]>> records;
    private DayTwo dayTwo;
    private SplittableRandom driftIds;

    ServedSchool(SimulatedSchool school) {
        this.school = school;
    }

    SimulatedSchool school() {
        return school;
    }

    SchoolFaults faults() {
        return faults;
    }

    RequestLog log() {
        return log;
    }

    /** The records of an entity as served now. */
    List<byte[]> records(Entity entity) {
        Map<Entity, List<byte[]>> r = records;
        if (r == null) {
            synchronized (this) {
                if (records == null) {
                    records = render(SchoolGenerator.generate(school));
                }
                r = records;
            }
        }
        return r.get(entity);
    }

    /** Applies the day-two script once; later calls return the same script without changing anything. */
    synchronized DayTwo applyDayTwo() {
        if (dayTwo == null) {
            SchoolData data = SchoolGenerator.generate(school);
            dayTwo = DayTwo.applyTo(data);
            records = render(data);
        }
        return dayTwo;
    }

    /** Inserts a copy of the first record under a new sourcedId at the start, or deletes the first record. */
    synchronized void drift(Entity entity, SchoolFaults.Drift drift) {
        records(entity);
        Map<Entity, List<byte[]>> next = new EnumMap<>(records);
        List<byte[]> list = new ArrayList<>(next.get(entity));
        if (list.isEmpty()) {
            return;
        }
        if (drift == SchoolFaults.Drift.DELETE) {
            list.remove(0);
        } else {
            if (driftIds == null) {
                driftIds = new SplittableRandom(school.seed() ^ 0xD81F7L);
            }
            try {
                ObjectNode copy = (ObjectNode) JSON.readTree(list.get(0));
                copy.put("sourcedId", new SchoolGenerator.Ids(driftIds).next());
                list.add(0, JSON.writeValueAsBytes(copy));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        next.put(entity, List.copyOf(list));
        records = next;
    }

    private static Map<Entity, List<byte[]>> render(SchoolData data) {
        Map<Entity, List<byte[]>> out = new EnumMap<>(Entity.class);
        data.render(node -> {
            try {
                return JSON.writeValueAsBytes(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }).forEach((e, list) -> out.put(e, List.copyOf(list)));
        return out;
    }
}

package org.rosterbridge.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.rosterbridge.model.Entity;

/**
 * A school's records in neutral form, per entity in the order the server pages them: standard GUIDRefs (sourcedId
 * and type), JSON booleans, absent optional fields left out, and extra vendor fields under {@code _extra}. The
 * generator and the day-two script edit it; {@link RecordShape} writes it for the wire.
 */
public final class SchoolData {
    private final SimulatedSchool school;
    private final Map<Entity, LinkedHashMap<String, ObjectNode>> records = new EnumMap<>(Entity.class);

    SchoolData(SimulatedSchool school) {
        this.school = school;
        for (Entity e : Entity.SOURCE) {
            records.put(e, new LinkedHashMap<>());
        }
    }

    public SimulatedSchool school() {
        return school;
    }

    /** The records of one entity by sourcedId, in paging order; read-only. */
    public Map<String, ObjectNode> records(Entity entity) {
        return Collections.unmodifiableMap(records.get(entity));
    }

    public ObjectNode get(Entity entity, String sourcedId) {
        return records.get(entity).get(sourcedId);
    }

    public int size(Entity entity) {
        return records.get(entity).size();
    }

    /** Records across the six entities. */
    public int size() {
        return records.values().stream().mapToInt(Map::size).sum();
    }

    void add(Entity entity, ObjectNode record) {
        String id = record.get("sourcedId").asText();
        if (records.get(entity).putIfAbsent(id, record) != null) {
            throw new IllegalStateException(entity + " " + id + " generated twice");
        }
    }

    ObjectNode remove(Entity entity, String sourcedId) {
        return records.get(entity).remove(sourcedId);
    }

    /** Records of an entity whose field has the value, in paging order. */
    List<ObjectNode> where(Entity entity, String field, String value) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode n : records.get(entity).values()) {
            if (n.has(field) && value.equals(n.get(field).asText())) {
                out.add(n);
            }
        }
        return out;
    }

    /** Enrollments whose user or class reference points at the sourcedId. */
    List<ObjectNode> enrollmentsOf(String refField, String sourcedId) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode n : records.get(Entity.ENROLLMENTS).values()) {
            if (sourcedId.equals(n.path(refField).path("sourcedId").asText())) {
                out.add(n);
            }
        }
        return out;
    }

    /** Every record as it goes on the wire, per entity, in paging order. */
    Map<Entity, List<byte[]>> render(Function<ObjectNode, byte[]> writer) {
        Map<Entity, List<byte[]>> out = new EnumMap<>(Entity.class);
        records.forEach((e, m) -> {
            List<byte[]> list = new ArrayList<>(m.size());
            for (ObjectNode n : m.values()) {
                list.add(writer.apply(school.shape().render(e, n)));
            }
            out.put(e, list);
        });
        return out;
    }
}

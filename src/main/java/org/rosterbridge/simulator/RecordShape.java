package org.rosterbridge.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.rosterbridge.model.Entity;

/**
 * The two ways Xporter's documentation says a record may look on the wire. Both carry the same content, so the
 * gateway's tolerant reader must make the same canonical record of either.
 */
public enum RecordShape {
    /**
     * Xporter's own: a user's orgs as {@code orgSourcedIds} strings, flags as the strings "true"/"false", absent
     * optional fields left out, extra vendor fields at the top level, GUIDRefs without {@code href}.
     */
    XPORTER,
    /**
     * OneRoster v1.1 as the standard writes it: {@code orgs} GUIDRefs with {@code href}, JSON booleans, absent
     * optional text as empty strings, extra fields inside {@code metadata}.
     */
    STANDARD;

    /** The key of a neutral record's extra vendor fields (see {@link SchoolData}). */
    static final String EXTRA = "_extra";

    private static final String HREF_BASE = "https://xporter.groupcall.com/api/ims/oneroster/v1p1/school/";
    private static final Map<Entity, List<String>> OPTIONAL_TEXT = Map.of(
            Entity.USERS, List.of("middleName", "email", "sms", "phone"),
            Entity.CLASSES, List.of("location"),
            Entity.ENROLLMENTS, List.of("beginDate", "endDate"));
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Writes a neutral record (standard GUIDRefs and booleans, extras apart) in this shape. */
    ObjectNode render(Entity entity, ObjectNode neutral) {
        ObjectNode out = NODES.objectNode();
        JsonNode extra = neutral.get(EXTRA);
        var fields = neutral.fields();
        while (fields.hasNext()) {
            var f = fields.next();
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (key.equals(EXTRA)) {
                continue;
            }
            if (this == XPORTER) {
                if (entity == Entity.USERS && key.equals("orgs")) {
                    ArrayNode ids = out.putArray("orgSourcedIds");
                    value.forEach(ref -> ids.add(ref.get("sourcedId").asText()));
                } else if (value.isBoolean()) {
                    out.put(key, value.asBoolean() ? "true" : "false");
                } else {
                    out.set(key, value.deepCopy());
                }
            } else {
                out.set(key, withHrefs(value));
            }
        }
        if (this == STANDARD) {
            for (String key : OPTIONAL_TEXT.getOrDefault(entity, List.of())) {
                if (!out.has(key)) {
                    out.put(key, "");
                }
            }
        }
        if (extra != null && !extra.isEmpty()) {
            if (this == XPORTER) {
                extra.fields().forEachRemaining(e -> out.set(e.getKey(), e.getValue().deepCopy()));
            } else {
                ObjectNode metadata = out.has("metadata") ? (ObjectNode) out.get("metadata")
                        : out.putObject("metadata");
                extra.fields().forEachRemaining(e -> metadata.set(e.getKey(), e.getValue().deepCopy()));
            }
        }
        return out;
    }

    private static JsonNode withHrefs(JsonNode value) {
        if (value.isObject() && value.has("sourcedId") && value.has("type") && value.size() == 2) {
            ObjectNode ref = NODES.objectNode();
            ref.put("href", HREF_BASE + collection(value.get("type").asText()) + "/"
                    + value.get("sourcedId").asText());
            ref.set("sourcedId", value.get("sourcedId"));
            ref.set("type", value.get("type"));
            return ref;
        }
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            value.forEach(v -> out.add(withHrefs(v)));
            return out;
        }
        return value.deepCopy();
    }

    private static String collection(String type) {
        return switch (type) {
            case "org" -> "orgs";
            case "academicSession" -> "academicSessions";
            case "course" -> "courses";
            case "class" -> "classes";
            case "user" -> "users";
            default -> type + "s";
        };
    }
}

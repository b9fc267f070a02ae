package org.rosterbridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A OneRoster org: for Xporter, the school itself (and sometimes its local authority). */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parent", "children", "metadata"})
public record Org(
        String sourcedId,
        Status status,
        Instant dateLastModified,
        String name,
        String type,
        String identifier,
        GuidRef parent,
        List<GuidRef> children,
        Map<String, Object> metadata) implements OneRosterRecord {

    public Org {
        children = Records.list(children);
        metadata = Records.metadata(metadata);
    }

    @Override
    public Entity entity() {
        return Entity.ORGS;
    }
}

package org.rosterbridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A pupil, a member of staff or a contact. Xporter's {@code orgSourcedIds} strings and the standard {@code orgs}
 * GUIDRefs both become {@link #orgs}; {@code grades} holds Xporter's UK year-group label (such as {@code Year 9}).
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"sourcedId", "status", "dateLastModified", "username", "userIds", "enabledUser", "givenName",
        "familyName", "middleName", "role", "identifier", "email", "sms", "phone", "orgs", "agents", "grades",
        "metadata"})
public record User(
        String sourcedId,
        Status status,
        Instant dateLastModified,
        String username,
        List<UserId> userIds,
        Boolean enabledUser,
        String givenName,
        String familyName,
        String middleName,
        String role,
        String identifier,
        String email,
        String sms,
        String phone,
        List<GuidRef> orgs,
        List<GuidRef> agents,
        List<String> grades,
        Map<String, Object> metadata) implements OneRosterRecord {

    public User {
        userIds = Records.list(userIds);
        orgs = Records.list(orgs);
        agents = Records.list(agents);
        grades = Records.list(grades);
        metadata = Records.metadata(metadata);
    }

    @Override
    public Entity entity() {
        return Entity.USERS;
    }
}

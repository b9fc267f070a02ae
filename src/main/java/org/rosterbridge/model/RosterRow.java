package org.rosterbridge.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One joined roster row: an enrollment with a summary of its user and of its class. Its sourcedId is the
 * enrollment's, so a consumer can key the row exactly as it keys the enrollment.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"sourcedId", "status", "dateLastModified", "role", "primary", "beginDate", "endDate", "school",
        "user", "class", "metadata"})
public record RosterRow(
        String sourcedId,
        Status status,
        Instant dateLastModified,
        String role,
        Boolean primary,
        LocalDate beginDate,
        LocalDate endDate,
        GuidRef school,
        UserSummary user,
        @JsonProperty("class") ClassSummary schoolClass,
        Map<String, Object> metadata) implements OneRosterRecord {

    public RosterRow {
        metadata = Records.metadata(metadata);
    }

    @Override
    public Entity entity() {
        return Entity.ROSTERS;
    }

    /** The parts of a user a roster consumer needs to place the row without a second lookup. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"sourcedId", "username", "givenName", "familyName", "role", "identifier", "userIds", "email"})
    public record UserSummary(
            String sourcedId,
            String username,
            String givenName,
            String familyName,
            String role,
            String identifier,
            List<UserId> userIds,
            String email) {
        public UserSummary {
            userIds = Records.list(userIds);
        }

        public static UserSummary of(User u) {
            return new UserSummary(u.sourcedId(), u.username(), u.givenName(), u.familyName(), u.role(),
                    u.identifier(), u.userIds(), u.email());
        }
    }

    /** The parts of a class a roster consumer needs: what it is called, what it teaches, where and when. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonPropertyOrder({"sourcedId", "title", "classCode", "classType", "course", "school", "terms"})
    public record ClassSummary(
            String sourcedId,
            String title,
            String classCode,
            String classType,
            GuidRef course,
            GuidRef school,
            List<GuidRef> terms) {
        public ClassSummary {
            terms = Records.list(terms);
        }

        public static ClassSummary of(SchoolClass c) {
            return new ClassSummary(c.sourcedId(), c.title(), c.classCode(), c.classType(), c.course(), c.school(),
                    c.terms());
        }
    }
}

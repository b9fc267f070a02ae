package org.rosterbridge.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An identifier of a user in another system, such as {@code UPN} (the DfE unique pupil number). */
@JsonPropertyOrder({"type", "identifier"})
public record UserId(String type, String identifier) {
}

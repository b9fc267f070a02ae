package org.rosterbridge.change;

import java.time.Instant;

/**
 * An operator's one-shot release of a school's mass change: the next run of that school that the guard would hold
 * passes, and the approval is used up when that run commits.
 *
 * @param releases the run id of the hold pending when the approval was given; null when approved ahead of any hold
 */
public record Approval(String estab, String approvedBy, Instant approvedAt, String releases) {
}

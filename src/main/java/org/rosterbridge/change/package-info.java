/**
 * Change detection and committed state: what each sink must be told, and what it last delivered.
 *
 * <p><b>How changes are decided.</b> Every run extracts a complete snapshot of the school and compares it, record by
 * record (by {@code sourcedId}), with the snapshot each destination last delivered. A record is <i>created</i> when it
 * is new and active ({@code reason: new}) or comes back from {@code tobedeleted} to active ({@code reactivated}); it is
 * <i>updated</i> ({@code modified}) when its canonical content changed, where content is every field of the OneRoster
 * record except {@code dateLastModified} (a timestamp that moved on its own is not an update, and a GUIDRef's
 * {@code href} is never kept, so a new base URL changes nothing); it is <i>deleted</i> either because Xporter now
 * marks it {@code tobedeleted} ({@code reason: tobedeleted}, a soft delete with the record in {@code after}) or because
 * it is absent from the complete snapshot ({@code reason: missing}, a hard delete followed by a tombstone on Kafka).
 * A record a consumer never saw as live (first seen as {@code tobedeleted}, or {@code tobedeleted} and then gone)
 * gives nothing. Deletes are never inferred from a failed or partial extraction: such a run stages nothing. Roster
 * rows (an enrollment joined with a summary of its user and its class) follow the same rules; a row changes when its
 * enrollment, its user's name, role, identifiers or email, or its class's title, code, course, school or terms
 * change. <b>Mass changes are held:</b> when a run would delete more than {@code gateway.mass-change-threshold}
 * (default 30%) of a school's active records, or the active count would shrink by that much, in total or for any
 * entity with at least 20 records, the run publishes nothing and commits nothing, and the school waits until an
 * operator runs {@code bin/rosterbridge approve ESTAB} (which releases its next run once) or lists it in
 * {@code gateway.approve-mass-changes}. An empty extraction of a school that had records is always held. The first
 * run of a school is never held, and delivers every active record as created.
 */
package org.rosterbridge.change;

package org.rosterbridge.sync;

/** What extracting one entity of one school took and gave. */
public record EntityStats(int pages, int requests, int records, int active, int tobedeleted, int duplicates,
                          long millis) {
}

package org.rosterbridge.change;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.OneRosterRecord;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.User;

/**
 * Prints what change detection and the state cost for one secondary school (about 14,000 records and 12,000 roster
 * rows): diff, join, store write and read, bytes on disk. A measurement, not a test: run it by hand with
 * {@code mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt} and then
 * {@code java -cp target/classes:target/test-classes:$(cat target/cp.txt) org.rosterbridge.change.ChangeTimings}.
 */
public final class ChangeTimings {
    private static final int ROUNDS = 40;

    private ChangeTimings() {
    }

    public static void main(String[] args) throws Exception {
        List<OneRosterRecord> day1 = SchoolData.secondarySchool(1);
        List<OneRosterRecord> day2 = new ArrayList<>();
        int n = 0;
        for (OneRosterRecord r : day1) {
            // a realistic day two: a few dozen pupils renamed, the rest as they were
            day2.add(r instanceof User u && n++ % 40 == 0 ? SchoolData.renamed(u, "Changed") : r);
        }
        Snapshot staged1 = SchoolData.snapshot(day1);
        Snapshot staged2 = SchoolData.snapshot(day2);
        ChangeDetector detector = new ChangeDetector();
        Snapshot committed = detector.detect(Snapshot.empty(SchoolData.ESTAB), staged1).stagedWithRosters();
        System.out.printf(Locale.ROOT, "school: %,d source records, %,d roster rows%n", committed.sourceSize(),
                committed.size(Entity.ROSTERS));

        time("first run: diff + full join", () -> detector.detect(Snapshot.empty(SchoolData.ESTAB), staged1));
        time("no-change run: diff + join", () -> detector.detect(committed, staged1));
        Detection d2 = detector.detect(committed, staged2);
        System.out.printf(Locale.ROOT, "day two: %,d changes%n", d2.changes().changes().size());
        time("day-two run: diff + join", () -> detector.detect(committed, staged2));
        time("diff alone (no change)", () -> new SnapshotDiff().diff(committed, staged1));
        time("join alone (no change)", () -> new org.rosterbridge.join.RosterJoin().join(committed, staged1));
        time("snapshot copy with rows", () -> staged1.with(Entity.ROSTERS, committed.records(Entity.ROSTERS)));

        for (boolean deflate : new boolean[] {false, true}) {
            Path dir = Files.createTempDirectory("rosterbridge-timings");
            FileSnapshotStore store = new FileSnapshotStore(dir, deflate, new AtomicFiles());
            int[] run = {0};
            String label = deflate ? "deflated" : "raw";
            time("store write, fsync, rename (" + label + ")", () -> {
                store.commit(SchoolData.ESTAB, "kafka", "run-" + (++run[0]), committed);
                return null;
            });
            time("store read (" + label + ")", () -> store.committed(SchoolData.ESTAB, "kafka"));
            Snapshot read = store.committed(SchoolData.ESTAB, "kafka");
            time("detect against a snapshot read back (" + label + ")", () -> detector.detect(read, staged2));
            System.out.printf(Locale.ROOT, "bytes on disk (%s): %,d%n", label,
                    Files.size(store.snapshotFile(SchoolData.ESTAB, "run-" + run[0])));
        }
    }

    private static void time(String what, Supplier<?> work) {
        long best = Long.MAX_VALUE;
        long total = 0;
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            work.get();
            long took = System.nanoTime() - start;
            // the first rounds warm the JIT up; the median-ish of the rest is what a long-running service sees
            if (i >= ROUNDS / 3) {
                best = Math.min(best, took);
                total += took;
            }
        }
        System.out.printf(Locale.ROOT, "%-50s best %6.1f ms, mean %6.1f ms%n", what, best / 1e6,
                total / 1e6 / (ROUNDS - ROUNDS / 3));
    }
}

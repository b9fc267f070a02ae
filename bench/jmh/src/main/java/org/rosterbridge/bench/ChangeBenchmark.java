package org.rosterbridge.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rosterbridge.change.ChangeDetector;
import org.rosterbridge.change.Detection;
import org.rosterbridge.change.SnapshotDiff;
import org.rosterbridge.join.JoinResult;
import org.rosterbridge.join.RosterJoin;
import org.rosterbridge.model.Snapshot;

/**
 * Change detection of one whole school: the source diff and the roster join against the committed snapshot, on the
 * first run (nothing committed), a no-change re-sync and a day-two re-sync. Scores are per school; {@code pupils}
 * scales the school to check that cost grows linearly with records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ChangeBenchmark {

    @Param({"1500"})
    public int pupils;

    private Snapshot empty;
    private Snapshot committed;
    private Snapshot sameAgain;
    private Snapshot dayTwo;
    private final ChangeDetector detector = new ChangeDetector();
    private final SnapshotDiff diff = new SnapshotDiff();
    private final RosterJoin join = new RosterJoin();

    @Setup(Level.Trial)
    public void setUp() {
        var pages = Staging.dayOne(pupils);
        Snapshot first = Staging.stage(pages);
        empty = Snapshot.empty(Staging.ESTAB);
        committed = detector.detect(empty, first).stagedWithRosters();
        // staged again from the same pages: equal content, distinct instances, as a real re-sync reads them
        sameAgain = Staging.stage(pages);
        dayTwo = Staging.stage(Staging.dayTwo(pupils));
        int changes = detector.detect(committed, dayTwo).changes().changes().size();
        int none = detector.detect(committed, sameAgain).changes().changes().size();
        if (changes == 0 || none != 0) {
            throw new IllegalStateException("day two must change something (" + changes
                    + ") and the same data nothing (" + none + ")");
        }
    }

    @Benchmark
    public Detection detectFirstRun() {
        return detector.detect(empty, sameAgain);
    }

    @Benchmark
    public Detection detectNoChange() {
        return detector.detect(committed, sameAgain);
    }

    @Benchmark
    public Detection detectDayTwo() {
        return detector.detect(committed, dayTwo);
    }

    @Benchmark
    public Object diffNoChange() {
        return diff.diff(committed, sameAgain);
    }

    @Benchmark
    public JoinResult joinFirstRun() {
        return join.build(sameAgain);
    }
}

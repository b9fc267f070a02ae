package org.rosterbridge.bench;

import java.util.List;
import java.util.Map;
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
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Snapshot;

/**
 * Every page of one school read into a staged snapshot: the parse-and-normalise cost of a whole school, per school.
 * With {@code pupils} 1500 and 15000 it shows whether the cost is linear in records.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StagingBenchmark {

    @Param({"1500"})
    public int pupils;

    private Map<Entity, List<byte[]>> pages;

    @Setup(Level.Trial)
    public void setUp() {
        pages = Staging.dayOne(pupils);
    }

    @Benchmark
    public Snapshot stageSchool() {
        return Staging.stage(pages);
    }
}

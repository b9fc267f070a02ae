package org.rosterbridge.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import org.rosterbridge.change.SnapshotCodec;
import org.rosterbridge.model.Snapshot;

/**
 * The committed state of one school (its snapshot with roster rows) written and read back as
 * {@link SnapshotCodec} does it for every run and sink, deflated or not, in memory (no disk, no fsync).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StateBenchmark {

    @Param({"1500"})
    public int pupils;

    @Param({"true", "false"})
    public boolean deflate;

    private Snapshot committed;
    private byte[] file;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Snapshot staged = Staging.stage(Staging.dayOne(pupils));
        committed = new ChangeDetector().detect(Snapshot.empty(Staging.ESTAB), staged).stagedWithRosters();
        file = write();
    }

    @Benchmark
    public byte[] write() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 << 20);
        SnapshotCodec.write(committed, out, deflate);
        return out.toByteArray();
    }

    @Benchmark
    public Snapshot read() {
        return SnapshotCodec.read(file, "bench");
    }
}

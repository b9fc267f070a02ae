package org.rosterbridge.bench;

import java.io.ByteArrayInputStream;
import java.util.List;
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
import org.rosterbridge.model.CanonicalJson;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Fingerprint;
import org.rosterbridge.model.OneRosterRecord;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.source.BenchPulls;
import org.rosterbridge.source.EntityPull;
import org.rosterbridge.source.PageReader;

/**
 * One full page of 1,000 records: parsed and normalised by {@link PageReader} (which also serialises and
 * fingerprints each record), the serialise-and-fingerprint step on its own, and the parse of stored versions back
 * into records. Scores are per page.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PageBenchmark {

    @Param({"USERS", "ENROLLMENTS"})
    public Entity entity;

    private byte[] page;
    private EntityPull pull;
    private List<OneRosterRecord> records;
    private List<byte[]> canonical;

    @Setup(Level.Trial)
    public void setUp() {
        page = Staging.dayOne(1500).get(entity).get(0);
        pull = BenchPulls.pull(Staging.school(), entity, Staging.LIMIT);
        List<RecordVersion> read = PageReader.read(pull, new ByteArrayInputStream(page));
        if (read.size() != Staging.LIMIT) {
            throw new IllegalStateException("a full page has " + Staging.LIMIT + " records, not " + read.size());
        }
        records = read.stream().map(RecordVersion::record).toList();
        canonical = read.stream().map(RecordVersion::json).toList();
    }

    /** Xporter JSON to canonical records with their JSON and fingerprints: what every page of every run costs. */
    @Benchmark
    public List<RecordVersion> readPage() {
        return PageReader.read(pull, new ByteArrayInputStream(page));
    }

    /** {@link RecordVersion#of}: canonical JSON and fingerprint of 1,000 typed records. */
    @Benchmark
    public long versionPage() {
        long x = 0;
        for (OneRosterRecord r : records) {
            x += RecordVersion.of(r).fingerprint().low();
        }
        return x;
    }

    /** {@link CanonicalJson#read}: the typed records of 1,000 stored versions, as a join or diff parses them. */
    @Benchmark
    public long readStoredPage() {
        long x = 0;
        for (byte[] json : canonical) {
            x += CanonicalJson.read(entity, json).sourcedId().length();
        }
        return x;
    }

    /** {@link Fingerprint#of} alone over 1,000 records' canonical JSON. */
    @Benchmark
    public long fingerprintPage() {
        long x = 0;
        for (byte[] json : canonical) {
            x += Fingerprint.of(json).low();
        }
        return x;
    }
}

package org.rosterbridge.bench;

import java.time.Instant;
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
import org.rosterbridge.change.ChangeDetector;
import org.rosterbridge.change.Detection;
import org.rosterbridge.config.Settings;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.sink.csv.BundleValidator;
import org.rosterbridge.sink.csv.BundleWriter;
import org.rosterbridge.sink.csv.CsvBundle;
import org.rosterbridge.sink.csv.CsvMapping;
import org.rosterbridge.sink.csv.CsvSinkSettings;
import org.rosterbridge.sink.kafka.ChangeEvents;
import org.rosterbridge.sink.kafka.EventRecord;
import org.rosterbridge.sink.kafka.KafkaSinkSettings;
import org.rosterbridge.sync.Delivery;

/**
 * What the sinks compute for one school, without the network: the Kafka change events and the CSV bundle of a
 * first run (every record created) and of day two; and the whole pipeline of one school (every page read, staged,
 * diffed and joined, then its events and a validated bulk bundle, as the CSV sink makes on every run), whose score
 * divided into the school's records gives records per CPU-second on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SinkBenchmark {

    @Param({"1500"})
    public int pupils;

    private final ChangeDetector detector = new ChangeDetector();
    private Map<Entity, List<byte[]>> pages;
    private Snapshot empty;
    private Snapshot committed;
    private Delivery firstRun;
    private Delivery dayTwo;
    private ChangeEvents events;
    private BundleWriter csv;
    private BundleValidator validator;
    private final Instant now = Instant.parse("2026-01-06T07:00:00Z");

    @Setup(Level.Trial)
    public void setUp() {
        pages = Staging.dayOne(pupils);
        empty = Snapshot.empty(Staging.ESTAB);
        Detection first = detector.detect(empty, Staging.stage(pages));
        committed = first.stagedWithRosters();
        firstRun = delivery(first, empty);
        dayTwo = delivery(detector.detect(committed, Staging.stage(Staging.dayTwo(pupils))), committed);
        events = new ChangeEvents(KafkaSinkSettings.from(Settings.of(Map.of("kafka.bootstrap-servers",
                "127.0.0.1:9092"))));
        CsvSinkSettings settings = CsvSinkSettings.from(Settings.of(Map.of()));
        CsvMapping mapping = CsvMapping.standard();
        csv = new BundleWriter(mapping, settings.formulaGuard(), settings.systemName(), settings.systemCode());
        validator = new BundleValidator(mapping);
    }

    private Object bulk(Snapshot snapshot) {
        CsvBundle bundle = csv.bulk(Staging.ESTAB, now, snapshot);
        return new Object[] {bundle, validator.validate(bundle.zip())};
    }

    private Delivery delivery(Detection d, Snapshot before) {
        return new Delivery("bench", Staging.school(), "run-1", now, d.stagedWithRosters(), before, d.changes());
    }

    @Benchmark
    public List<EventRecord> eventsFirstRun() {
        return events.records(firstRun);
    }

    @Benchmark
    public List<EventRecord> eventsDayTwo() {
        return events.records(dayTwo);
    }

    @Benchmark
    public CsvBundle csvBulk() {
        return csv.bulk(Staging.ESTAB, now, committed);
    }

    /** What the CSV sink does with every bulk bundle before it is delivered: read it back and check it. */
    @Benchmark
    public Object csvBulkValidated() {
        return bulk(committed);
    }

    @Benchmark
    public CsvBundle csvDeltaDayTwo() {
        return csv.delta(Staging.ESTAB, now, dayTwo.changes());
    }

    /** A school's first run end to end, minus the network and the state file. */
    @Benchmark
    public Object pipelineFirstRun() {
        Detection d = detector.detect(empty, Staging.stage(pages));
        Delivery delivery = delivery(d, empty);
        return new Object[] {events.records(delivery), bulk(d.stagedWithRosters())};
    }

    /** A re-sync that finds nothing changed: every page read and diffed, no events, a bulk bundle all the same. */
    @Benchmark
    public Object pipelineNoChange() {
        Detection d = detector.detect(committed, Staging.stage(pages));
        Delivery delivery = delivery(d, committed);
        return new Object[] {events.records(delivery), bulk(d.stagedWithRosters())};
    }
}

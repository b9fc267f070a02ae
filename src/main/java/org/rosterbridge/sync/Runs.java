package org.rosterbridge.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.camel.Exchange;
import org.rosterbridge.change.ChangeDetector;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.change.Detection;
import org.rosterbridge.change.MassChangeGuard;
import org.rosterbridge.change.SnapshotDiff;
import org.rosterbridge.change.SnapshotStore;
import org.rosterbridge.change.Verdict;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.School;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.source.Extraction;
import org.rosterbridge.source.SchoolExtraction;
import org.rosterbridge.source.XporterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean behind the sync routes: one school's run from start to report. Extraction stages a complete snapshot;
 * then, per sink, the changes since that sink's position are detected, the mass-change guard decides, each sink's
 * route delivers, and only a sink that delivered everything has its position moved to this run.
 */
public final class Runs {
    private static final Logger LOG = LoggerFactory.getLogger(Runs.class);
    /** The exchange property that carries the {@link SchoolRun}. */
    public static final String RUN = "rosterbridgeRun";
    private static final String DETECTIONS = "rosterbridgeDetections";
    private static final String COMMITTED = "rosterbridgeCommitted";
    private static final String SINK = "rosterbridgeSink";
    private static final String SINK_ENDPOINT = "rosterbridgeSinkEndpoint";
    private static final String REPORT = "rosterbridgeReport";
    private static final DateTimeFormatter RUN_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final SyncSettings settings;
    private final SnapshotStore store;
    private final ChangeDetector detector;
    private final MassChangeGuard guard;
    private final Clock clock;
    private final List<School> schools;
    /**
     * Runs in flight. The schools' thread pool alone does not bound them: Camel hands a run over to the threads of
     * its parallel lanes (and of asynchronous sinks) and the pool thread moves on to the next school, so without
     * this every configured school would be extracted at once and memory would grow with all of them.
     */
    private final Semaphore inFlight;

    public Runs(SyncSettings settings, List<School> schools, SnapshotStore store, ChangeDetector detector,
                MassChangeGuard guard, Clock clock) {
        this.settings = settings;
        this.schools = List.copyOf(schools);
        this.store = store;
        this.detector = detector;
        this.guard = guard;
        this.clock = clock;
        this.inFlight = new Semaphore(settings.maxConcurrentSchools(), true);
    }

    /** Body {@link School}: the run begins. The body stays the school, for extraction. */
    public RunReport begin(Exchange exchange) {
        School school = exchange.getIn().getBody(School.class);
        // waits while gateway.max-concurrent-schools runs are in flight; finish() frees the place
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(school.label() + ": stopped while waiting to start its run", e);
        }
        Instant now = clock.instant();
        String runId = RUN_TIME.format(now) + "-" + school.estab() + "-"
                + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
        SchoolRun run = new SchoolRun(school, runId, now);
        exchange.setProperty(RUN, run);
        LOG.info("{}: run {} started", school.label(), runId);
        return run.report(now);
    }

    /** The schools a scheduled sync covers. */
    public List<School> schools() {
        return schools;
    }

    /** Body back to the run's school, for extraction. */
    public School school(Exchange exchange) {
        return run(exchange).school();
    }

    /** The run's final report (the body after the run-report route may be anything). */
    public RunReport report(Exchange exchange) {
        return exchange.getProperty(REPORT, RunReport.class);
    }

    /** Publishing a run event failed: logged, and the run's own outcome stands. */
    public void runEventFailed(Exchange exchange) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        LOG.warn("run event not published: {}", describe(cause));
    }

    /** Whether run reports go to a topic (the Kafka sink is on). */
    public boolean publishesRunEvents() {
        return settings.kafkaEnabled();
    }

    /**
     * Body: the complete staged {@link Snapshot}, which stays the body. Tells the extraction which records some sink
     * has as active but the staged snapshot lacks, so that those entities are extracted once more before any
     * absence is published as a delete. Reads each sink's committed snapshot once; {@link #detect} uses the same.
     */
    public void absences(Exchange exchange) {
        Snapshot staged = exchange.getIn().getBody(Snapshot.class);
        Map<Entity, Set<String>> absent = new EnumMap<>(Entity.class);
        for (Snapshot before : committed(exchange).values()) {
            for (Entity e : Entity.SOURCE) {
                absent.computeIfAbsent(e, k -> new LinkedHashSet<>()).addAll(SnapshotDiff.missing(e, before, staged));
            }
        }
        exchange.getProperty(Extraction.PROPERTY, SchoolExtraction.class).absent(absent);
    }

    /**
     * Body: the complete staged {@link Snapshot}. Detects each sink's changes and asks the guard. Returns the
     * deliveries to make, none when the run is held.
     */
    public List<Delivery> detect(Exchange exchange) {
        SchoolRun run = run(exchange);
        Snapshot staged = exchange.getIn().getBody(Snapshot.class);
        SchoolExtraction extraction = exchange.getProperty(Extraction.PROPERTY, SchoolExtraction.class);
        run.extracted(extraction.stats(), extraction.warnings());

        List<SyncSettings.SinkSpec> sinks = settings.sinks();
        Map<String, Snapshot> committed = committed(exchange);
        Map<String, Detection> detections = detectEach(committed, staged, extraction.skipped());

        Verdict verdict = guard.decide(run.school().estab(), run.runId(), staged, committed.values());
        run.verdict(verdict);
        for (SyncSettings.SinkSpec sink : sinks) {
            Detection d = detections.get(sink.id());
            run.detected(sink.id(), d.changes().counts(), d.changes().orphans().size());
        }
        if (verdict.held()) {
            run.held(verdict.reason());
            LOG.warn("{}: run {} held: {}", run.school().label(), run.runId(), verdict.reason());
            return List.of();
        }
        if (verdict.decision() != Verdict.Decision.PASSED) {
            run.warn("mass change released (" + verdict.decision().name().toLowerCase() + "): " + verdict.reason());
        }
        Map<String, Detection> bySink = new LinkedHashMap<>(detections);
        exchange.setProperty(DETECTIONS, bySink);
        List<Delivery> deliveries = new ArrayList<>();
        for (SyncSettings.SinkSpec sink : sinks) {
            Detection d = bySink.get(sink.id());
            deliveries.add(new Delivery(sink.id(), run.school(), run.runId(), run.startedAt(),
                    d.stagedWithRosters(), committed.get(sink.id()), d.changes()));
        }
        return deliveries;
    }

    /**
     * An entity skipped after a 403 (xporter.on-forbidden=skip) keeps each sink's committed records, so its
     * absence is never read as deletes.
     */
    private Map<String, Detection> detectEach(Map<String, Snapshot> committed, Snapshot staged, Set<Entity> skipped) {
        if (skipped.isEmpty()) {
            return detector.detectEach(committed, staged);
        }
        Map<String, Detection> out = new LinkedHashMap<>();
        committed.forEach((sink, before) -> {
            Snapshot carried = staged;
            for (Entity e : skipped) {
                carried = carried.with(e, before.records(e));
            }
            out.put(sink, detector.detect(before, carried));
        });
        return out;
    }

    /** Before a delivery: which route delivers it. */
    public void endpoint(Exchange exchange) {
        Delivery d = exchange.getIn().getBody(Delivery.class);
        exchange.setProperty(SINK, d.sinkId());
        exchange.setProperty(SINK_ENDPOINT, settings.sinks().stream().filter(s -> s.id().equals(d.sinkId()))
                .findFirst().orElseThrow().endpoint());
    }

    /** After a sink's route returned: its position moves to this run. */
    public void delivered(Exchange exchange) {
        SchoolRun run = run(exchange);
        String sinkId = exchange.getProperty(SINK, String.class);
        @SuppressWarnings("unchecked")
        Map<String, Detection> detections = exchange.getProperty(DETECTIONS, Map.class);
        store.commit(run.school().estab(), sinkId, run.runId(), detections.get(sinkId).stagedWithRosters());
        run.committed(sinkId);
        LOG.info("{}: {} delivered {} changes of run {}", run.school().estab(), sinkId,
                detections.get(sinkId).changes().changes().size(), run.runId());
    }

    /** A sink's route failed: its position stays, so its next run delivers these changes again. */
    public void sinkFailed(Exchange exchange) {
        SchoolRun run = run(exchange);
        String sinkId = exchange.getProperty(SINK, String.class);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String why = describe(cause);
        run.sinkFailed(sinkId, why);
        LOG.error("{}: {} failed, its position stays at the last delivered run: {}", run.school().label(), sinkId,
                why);
    }

    /** The run failed before delivery (extraction, detection): nothing was handed to any sink. */
    public void failed(Exchange exchange) {
        SchoolRun run = run(exchange);
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (run == null) {
            throw new IllegalStateException("run failed before it began", cause);
        }
        SchoolExtraction extraction = exchange.getProperty(Extraction.PROPERTY, SchoolExtraction.class);
        if (extraction != null) {
            run.extracted(extraction.stats(), extraction.warnings());
        }
        run.failed(describe(cause));
        LOG.error("{}: run {} failed, nothing was published or committed: {}", run.school().label(), run.runId(),
                run.report(clock.instant()).reason());
    }

    /** The run's report becomes the body. */
    public RunReport finish(Exchange exchange) {
        SchoolRun run = run(exchange);
        if (run.leave()) {
            inFlight.release();
        }
        run.end();
        if (run.outcome() == RunOutcome.COMPLETED && run.verdict() != null) {
            guard.runCommitted(run.school().estab(), run.verdict());
        }
        RunReport report = run.report(clock.instant());
        exchange.setProperty(REPORT, report);
        if (report.outcome() == RunOutcome.COMPLETED) {
            LOG.info("{}: run {} completed in {} ms: {}", run.school().label(), run.runId(),
                    report.finishedAt().toEpochMilli() - report.startedAt().toEpochMilli(), summary(report));
        }
        return report;
    }

    static String summary(RunReport report) {
        Map<ChangeOp, Integer> total = new EnumMap<>(ChangeOp.class);
        report.changes().values().stream().findFirst().ifPresent(bySink -> bySink.forEach((entity, ops) ->
                ops.forEach((op, n) -> total.merge(op, n, Integer::sum))));
        int records = report.extraction().values().stream().mapToInt(EntityStats::records).sum();
        return records + " records, " + total.getOrDefault(ChangeOp.CREATED, 0) + " created, "
                + total.getOrDefault(ChangeOp.UPDATED, 0) + " updated, " + total.getOrDefault(ChangeOp.DELETED, 0)
                + " deleted" + (report.orphans() > 0 ? ", " + report.orphans() + " orphaned enrollments" : "");
    }

    /** A failure in one line: the exception's own message, plus what a retryable one went through. */
    static String describe(Throwable cause) {
        if (cause == null) {
            return "unknown failure";
        }
        Throwable t = cause;
        while (t.getCause() != null && !(t instanceof XporterException) && t.getMessage() != null
                && t.getCause().getMessage() != null && t.getMessage().contains(t.getCause().getMessage())) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        if (t instanceof XporterException x && x.retryable()) {
            message += " (retries exhausted; the next run starts over)";
        }
        return message;
    }

    /** Each sink's committed snapshot, read from the store once per run. */
    private Map<String, Snapshot> committed(Exchange exchange) {
        @SuppressWarnings("unchecked")
        Map<String, Snapshot> committed = exchange.getProperty(COMMITTED, Map.class);
        if (committed == null) {
            List<String> ids = settings.sinks().stream().map(SyncSettings.SinkSpec::id).toList();
            committed = store.committed(run(exchange).school().estab(), ids);
            exchange.setProperty(COMMITTED, committed);
        }
        return committed;
    }

    private static SchoolRun run(Exchange exchange) {
        return exchange.getProperty(RUN, SchoolRun.class);
    }
}

package org.rosterbridge.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.change.Verdict;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.School;

/** One school's run as it goes: what was extracted, what each sink did, and how it ended. */
public final class SchoolRun {
    private final School school;
    private final String runId;
    private final Instant startedAt;
    private Map<Entity, EntityStats> extraction = Map.of();
    private final Map<String, Map<Entity, Map<ChangeOp, Integer>>> changes = new LinkedHashMap<>();
    private final Map<String, String> sinkFailures = new LinkedHashMap<>();
    private final List<String> committedSinks = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private int orphans;
    private Verdict verdict;
    private RunOutcome outcome = RunOutcome.STARTED;
    private String reason;
    private final AtomicBoolean inFlight = new AtomicBoolean(true);

    SchoolRun(School school, String runId, Instant startedAt) {
        this.school = school;
        this.runId = runId;
        this.startedAt = startedAt;
    }

    public School school() {
        return school;
    }

    public String runId() {
        return runId;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The run no longer counts as in flight; true only the first time. */
    boolean leave() {
        return inFlight.getAndSet(false);
    }

    public Verdict verdict() {
        return verdict;
    }

    public RunOutcome outcome() {
        return outcome;
    }

    void extracted(Map<Entity, EntityStats> stats, List<String> extractionWarnings) {
        this.extraction = stats;
        this.warnings.addAll(extractionWarnings);
    }

    void detected(String sinkId, Map<Entity, Map<ChangeOp, Integer>> counts, int orphanCount) {
        changes.put(sinkId, counts);
        orphans = Math.max(orphans, orphanCount);
    }

    void verdict(Verdict v) {
        this.verdict = v;
    }

    /** A warning for the run's report, such as a record a sink had to leave out (no personal data). */
    public void warn(String warning) {
        warnings.add(warning);
    }

    void committed(String sinkId) {
        committedSinks.add(sinkId);
    }

    void sinkFailed(String sinkId, String why) {
        sinkFailures.put(sinkId, why);
    }

    public List<String> committedSinks() {
        return Collections.unmodifiableList(committedSinks);
    }

    public Map<String, String> sinkFailures() {
        return Collections.unmodifiableMap(sinkFailures);
    }

    void held(String why) {
        outcome = RunOutcome.HELD;
        reason = why;
    }

    void failed(String why) {
        outcome = RunOutcome.FAILED;
        reason = why;
    }

    /** Ends the run: completed unless it was held or failed, or a sink failed. */
    void end() {
        if (outcome == RunOutcome.STARTED) {
            if (sinkFailures.isEmpty()) {
                outcome = RunOutcome.COMPLETED;
            } else {
                outcome = RunOutcome.FAILED;
                StringBuilder b = new StringBuilder();
                sinkFailures.forEach((sink, why) -> b.append(b.length() == 0 ? "" : "; ").append(sink)
                        .append(" failed: ").append(why));
                reason = b.toString();
            }
        }
    }

    public RunReport report(Instant now) {
        return new RunReport(runId, school.estab(), school.name(), outcome, startedAt,
                outcome == RunOutcome.STARTED ? null : now, extraction,
                Collections.unmodifiableMap(new LinkedHashMap<>(changes)), orphans,
                List.copyOf(warnings), reason);
    }
}

package org.rosterbridge.sink.kafka;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.model.CanonicalJson;
import org.rosterbridge.model.Entity;
import org.rosterbridge.sync.EntityStats;
import org.rosterbridge.sync.RunReport;

/**
 * Turns a run report into the record of the runs topic ({@code {prefix}.runs}, keyed by estab): {@code started}
 * when a run begins, then {@code completed}, {@code failed} or {@code held} with the counts per sink, entity and op
 * and the reason. Its {@code ce_id} is a name-based UUID of the run id and outcome.
 */
public final class RunEvents {
    private static final ObjectMapper MAPPER = CanonicalJson.mapper();

    private final KafkaSinkSettings settings;

    public RunEvents(KafkaSinkSettings settings) {
        this.settings = settings;
    }

    public String topic() {
        return settings.topic("runs");
    }

    public EventRecord event(RunReport report) {
        String type = report.outcome().wire();
        Instant time = report.finishedAt() != null ? report.finishedAt() : report.startedAt();
        String id = CloudEventHeaders.nameId(CloudEventHeaders.utf8("run"), CloudEventHeaders.utf8(report.runId()),
                CloudEventHeaders.utf8(type));
        return new EventRecord(topic(), report.estab(), value(report),
                CloudEventHeaders.of(id, report.estab(), "run." + type, report.runId(), time));
    }

    private static byte[] value(RunReport r) {
        try {
            return MAPPER.writeValueAsBytes(new Value(r.outcome().wire(), r.runId(), r.estab(), r.schoolName(),
                    r.startedAt(), r.finishedAt(), changes(r.changes()), extraction(r.extraction()), r.orphans(),
                    r.warnings(), r.reason()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the run event of " + r.runId(), e);
        }
    }

    private static Map<String, Map<String, Map<String, Integer>>> changes(
            Map<String, Map<Entity, Map<ChangeOp, Integer>>> bySink) {
        Map<String, Map<String, Map<String, Integer>>> out = new LinkedHashMap<>();
        bySink.forEach((sink, byEntity) -> {
            Map<String, Map<String, Integer>> entities = new LinkedHashMap<>();
            byEntity.forEach((entity, ops) -> {
                Map<String, Integer> counts = new LinkedHashMap<>();
                ops.forEach((op, n) -> counts.put(op.wire(), n));
                entities.put(entity.collection(), counts);
            });
            out.put(sink, entities);
        });
        return out;
    }

    private static Map<String, EntityStats> extraction(Map<Entity, EntityStats> stats) {
        Map<String, EntityStats> out = new LinkedHashMap<>();
        stats.forEach((entity, s) -> out.put(entity.collection(), s));
        return out;
    }

    /** The JSON of a run event; see {@code schemas/run-event.schema.json}. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Value(String type, String runId, String estab, String schoolName, Instant startedAt, Instant finishedAt,
                 Map<String, Map<String, Map<String, Integer>>> changes, Map<String, EntityStats> extraction,
                 int orphans, List<String> warnings, String reason) {
    }
}

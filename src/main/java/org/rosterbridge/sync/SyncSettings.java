package org.rosterbridge.sync;

import java.util.Arrays;
import java.util.List;
import org.rosterbridge.config.ConfigurationException;
import org.rosterbridge.config.Settings;

/**
 * How runs are scheduled and where they deliver.
 *
 * @param maxConcurrentSchools {@code gateway.max-concurrent-schools}: schools synced at once (memory grows with
 *                             this, not with the number of schools configured)
 * @param routeSinks           {@code gateway.route-sinks}: extra sinks declared as YAML routes; sink {@code x}
 *                             is the route {@code from: direct:sink-x} and keeps its own position
 * @param csvEnabled           {@code csv.enabled}: write OneRoster CSV bundles (to SFTP, or to the output folder)
 * @param kafkaEnabled         whether {@code kafka.bootstrap-servers} is set
 * @param syncInterval         {@code gateway.sync-interval}: how often {@code run} syncs every school
 */
public record SyncSettings(int maxConcurrentSchools, List<String> routeSinks, boolean csvEnabled,
                           boolean kafkaEnabled, java.time.Duration syncInterval) {

    public static SyncSettings from(Settings s) {
        List<String> routeSinks = Arrays.stream(s.string("gateway.route-sinks", "").split(","))
                .map(String::trim).filter(x -> !x.isEmpty()).toList();
        for (String id : routeSinks) {
            if (!id.matches("[a-z][a-z0-9-]*") || id.equals("kafka") || id.equals("csv")) {
                throw new ConfigurationException("gateway.route-sinks", "names a sink '" + id + "': use lower-case "
                        + "letters, digits and '-', other than kafka and csv");
            }
        }
        return new SyncSettings(
                s.integer("gateway.max-concurrent-schools", 4, 1, 256),
                routeSinks,
                s.bool("csv.enabled", true),
                s.get("kafka.bootstrap-servers").isPresent(),
                s.duration("gateway.sync-interval", java.time.Duration.ofHours(1)));
    }

    /** The sinks of every run, in delivery order: Kafka first (the stream consumers wait on), then CSV, then routes. */
    public List<SinkSpec> sinks() {
        java.util.ArrayList<SinkSpec> out = new java.util.ArrayList<>();
        if (kafkaEnabled) {
            out.add(new SinkSpec("kafka", "direct:sink-kafka"));
        }
        if (csvEnabled) {
            out.add(new SinkSpec("csv", "direct:sink-csv"));
        }
        for (String id : routeSinks) {
            out.add(new SinkSpec(id, "direct:sink-" + id));
        }
        return out;
    }

    /** A destination: its id names its position in the state; its endpoint is the route that delivers. */
    public record SinkSpec(String id, String endpoint) {
    }
}

package org.rosterbridge.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.rosterbridge.Gateway;
import org.rosterbridge.embedded.EmbeddedKafka;
import org.rosterbridge.embedded.EmbeddedSftp;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Secret;
import org.rosterbridge.simulator.DayTwo;
import org.rosterbridge.simulator.RequestLog;
import org.rosterbridge.simulator.SimulatedSchool;
import org.rosterbridge.simulator.XporterSimulator;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.sync.RunReport;

/**
 * The demo, one method per step, each printing what it did: a simulated school, the gateway pointed at it, a first
 * sync, the scripted day-two changes, a second sync, and where to look. Destinations join by adding a step that
 * starts them and a setting in {@link #gatewaySettings()}.
 */
final class Demo implements AutoCloseable {
    static final String ESTAB = "3281110";
    static final String RP = "demo-rp";

    private final PrintStream out;
    private final Path workDir;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private XporterSimulator simulator;
    private EmbeddedSftp sftp;
    private Secret sftpPassword;
    private EmbeddedKafka kafka;
    private DemoTopics topics;
    private SimulatedSchool school;
    private Gateway gateway;

    Demo(PrintStream out, Path workDir, Map<String, String> overrides) {
        this.out = out;
        this.workDir = workDir;
        settings.putAll(overrides);
    }

    /** Step 1: a stand-in Xporter with one UK secondary, on a free loopback port. */
    void startSimulator(int pupils) {
        String secret = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        school = SimulatedSchool.secondary(ESTAB, RP, secret, "Northfield Academy")
                .withSize(pupils, Math.max(2, pupils / 10));
        simulator = XporterSimulator.builder().school(school).start().prepare();
        out.println("1. Simulated Xporter at " + simulator.baseUrl() + ": " + school.name() + " (estab " + ESTAB
                + ", " + pupils + " pupils)");
    }

    /** An SFTP server in this JVM for the CSV bundles (bulk and delta), which the gateway verifies by host key. */
    void startSftp() {
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        sftpPassword = Secret.of(password);
        sftp = EmbeddedSftp.builder(workDir.resolve("sftp"), workDir.resolve("sftp-state"))
                .password(sftpPassword).start();
        settings.putIfAbsent("csv.enabled", "true");
        settings.putIfAbsent("csv.mode", "both");
        settings.putIfAbsent("sftp.host", sftp.host());
        settings.putIfAbsent("sftp.port", "" + sftp.port());
        settings.putIfAbsent("sftp.username", "rosterbridge");
        settings.putIfAbsent("sftp.password", password);
        settings.putIfAbsent("sftp.known-hosts-file", sftp.knownHostsFile().toString());
        settings.putIfAbsent("sftp.directory", "outbox");
        out.println("   Embedded SFTP server at " + sftp.host() + ":" + sftp.port() + " for OneRoster CSV bundles");
    }

    /** A single-node Kafka broker (KRaft) in this JVM for the change events, on a free loopback port. */
    void startKafka() {
        kafka = EmbeddedKafka.start();
        settings.putIfAbsent("kafka.bootstrap-servers", kafka.bootstrapServers());
        // one partition per topic keeps the sample output in the order the gateway published it
        settings.putIfAbsent("kafka.partitions", "1");
        topics = new DemoTopics(settings.get("kafka.bootstrap-servers"),
                settings.getOrDefault("kafka.topic-prefix", "oneroster"));
        out.println("   Embedded Kafka broker (KRaft) at " + kafka.bootstrapServers() + " for change events");
    }

    /** The gateway's settings: the simulated school, a state folder of the demo's own, the sinks started so far. */
    Map<String, String> gatewaySettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("xporter.base-url", simulator.baseUrl());
        s.put("xporter.rp", school.rp());
        s.put("xporter.estab", school.estab());
        s.put("xporter.secret", school.secret());
        s.put("xporter.school-name", school.name());
        s.put("gateway.state-dir", workDir.resolve("state").toString());
        s.put("gateway.output-dir", workDir.resolve("out").toString());
        s.put("csv.enabled", "false");
        s.putAll(settings);
        return s;
    }

    /** Step 2: the gateway, started the way {@code sync} and {@code run} start it. */
    void startGateway() {
        gateway = Gateway.start(gatewaySettings());
        out.println("2. Gateway started: " + gateway.context().getRoutesSize() + " routes, state in "
                + workDir.resolve("state"));
    }

    /** A sync of the school, with its extraction table and the changes each sink delivered. */
    RunReport sync(String step) {
        RequestLog log = simulator.requests(ESTAB);
        int tokensBefore = log.tokenRequests();
        int requestsBefore = log.requestCount();
        List<RunReport> reports = gateway.sync();
        RunReport report = reports.get(0);
        out.println();
        out.println(step + ": " + RunReports.line(report));
        RunReports.extraction(report, out);
        out.println("   " + (log.requestCount() - requestsBefore) + " data requests and "
                + (log.tokenRequests() - tokensBefore) + " token request(s) reached the simulated Xporter");
        report.changes().forEach((sink, counts) -> {
            out.println("   changes delivered to " + sink + ":");
            RunReports.changes(counts, out);
        });
        if (report.outcome() != RunOutcome.COMPLETED) {
            throw new IllegalStateException(RunReports.line(report));
        }
        if (topics != null) {
            topics.endOfDay();
        }
        return report;
    }

    /** Step 4: the school's scripted day-two changes (new pupils, renames, deletions, moved enrollments). */
    DayTwo applyDayTwo() {
        DayTwo dayTwo = simulator.applyDayTwo(ESTAB);
        out.println();
        out.println("4. Day two at the school: " + dayTwo.expected().size() + " changes a consumer must be told "
                + "(and one record whose timestamp alone moved, which is not a change):");
        RunReports.changes(dayTwo.counts(), out);
        return dayTwo;
    }

    /**
     * Step 6: what is on the topics now, read back from the broker as a subscriber would, and one day-two event in
     * full: an updated user, or else a deleted enrollment.
     */
    void events() {
        if (topics == null) {
            return;
        }
        List<ConsumerRecord<String, byte[]>> records = topics.readAll();
        out.println();
        out.println("6. Events on Kafka, read back from " + kafka.bootstrapServers() + " with a plain consumer:");
        topics.printCounts(records, out);
        String users = topics.topic(Entity.USERS);
        String enrollments = topics.topic(Entity.ENROLLMENTS);
        records.stream().filter(r -> r.value() != null && topics.day(r) == 2)
                .filter(r -> r.topic().equals(users) && "updated".equals(DemoTopics.json(r).path("op").asText())
                        || r.topic().equals(enrollments) && "deleted".equals(DemoTopics.json(r).path("op").asText()))
                .min(Comparator.comparing(r -> r.topic().equals(users) ? 0 : 1))
                .ifPresent(r -> {
                    out.println();
                    out.println("   A day-two event as a consumer receives it:");
                    DemoTopics.print(r, out);
                });
    }

    /** Last step: where to look. */
    void whereToLook() {
        out.println();
        out.println("Where to look:");
        out.println("  committed snapshots and sink positions: " + workDir.resolve("state"));
        if (sftp != null) {
            Path bundles = sftp.root().resolve("outbox").resolve(ESTAB);
            out.println("  OneRoster CSV bundles delivered over SFTP: " + bundles
                    + " (check one with bin/rosterbridge validate FILE.zip)");
            List<String> names;
            try (var files = Files.list(bundles)) {
                names = files.map(f -> f.getFileName().toString()).sorted().toList();
            } catch (IOException e) {
                names = List.of();
                out.println("    (not readable: " + e.getMessage() + ")");
            }
            names.forEach(f -> out.println("    " + f));
            String remote = "outbox/" + ESTAB + "/" + names.stream().filter(f -> f.endsWith("-delta.zip"))
                    .reduce((a, b) -> b).orElse("NAME.zip");
            out.println("  fetch one over SFTP (password " + sftpPassword.reveal() + ", generated for this demo):");
            out.println("    sftp -P " + sftp.port() + " -o UserKnownHostsFile=" + sftp.knownHostsFile() + " "
                    + settings.get("sftp.username") + "@" + sftp.host() + ":" + remote);
        }
        if (kafka != null) {
            out.println("  the change events on Kafka at " + kafka.bootstrapServers() + ", e.g. with Kafka's console "
                    + "consumer:");
            out.println("    kafka-console-consumer.sh --bootstrap-server " + kafka.bootstrapServers()
                    + " --topic " + topics.topic(Entity.USERS)
                    + " --from-beginning --property print.key=true --property print.headers=true");
            out.println("    (topics: " + String.join(", ", topics.entityTopics()) + ", " + topics.runsTopic() + ")");
        }
        out.println("  the simulated Xporter's data: GET " + simulator.baseUrl() + "/users?limit=5 (with a token)");
        out.println("  try it against your own Xporter: XPORTER_BASE_URL, XPORTER_RP, XPORTER_ESTAB, XPORTER_SECRET"
                + " then bin/rosterbridge check and bin/rosterbridge sync");
    }

    static Path workDir() {
        try {
            return Files.createTempDirectory("rosterbridge-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException("no temporary folder for the demo", e);
        }
    }

    /** How long the servers above live: until the demo ends, or until Ctrl-C with {@code --keep-running}. */
    void lifetime(boolean keepRunning) {
        out.println();
        out.println(keepRunning
                ? "The simulated Xporter, the SFTP server and the Kafka broker keep running: press Ctrl-C to stop."
                : "The simulated Xporter, the SFTP server and the Kafka broker stop when the demo ends: run "
                        + "bin/rosterbridge demo --keep-running to try the commands above.");
    }

    @Override
    public synchronized void close() {
        // the gateway first, so its producer is not left waiting for a broker that has gone
        if (gateway != null) {
            gateway.close();
            gateway = null;
        }
        if (kafka != null) {
            kafka.close();
            kafka = null;
        }
        if (sftp != null) {
            sftp.close();
            sftp = null;
        }
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }
}

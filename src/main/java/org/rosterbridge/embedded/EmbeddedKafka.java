package org.rosterbridge.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft: broker and controller in one) inside this JVM, for the demo and the tests:
 * storage formatted in a temporary folder, listeners on free loopback ports, every replication factor 1. It can be
 * stopped and started again on the same ports and data, to show what the gateway does while Kafka is down.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final Properties config;
    private KafkaRaftServer server;

    private EmbeddedKafka(Path dir, int port, int controllerPort, Properties config) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.config = config;
    }

    /** Formats a fresh broker in a temporary folder and starts it; returns once it answers an admin request. */
    public static EmbeddedKafka start() {
        return start(Map.of());
    }

    /** As {@link #start()}, with broker settings added or replaced (for instance {@code log.retention.ms}). */
    public static EmbeddedKafka start(Map<String, String> overrides) {
        Path dir;
        try {
            dir = Files.createTempDirectory("rosterbridge-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's data folder", e);
        }
        int port = freePort();
        int controllerPort = freePort();
        Properties config = config(dir.resolve("logs"), port, controllerPort);
        config.putAll(overrides);
        EmbeddedKafka kafka = new EmbeddedKafka(dir, port, controllerPort, config);
        try {
            kafka.format();
            kafka.startServer();
            return kafka;
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    /** {@code host:port} for a client's {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** The temporary folder of the broker's data and configuration; deleted by {@link #close()}. */
    public Path dataDir() {
        return dir;
    }

    public boolean running() {
        return server != null;
    }

    /** Stops the broker and keeps its data: clients see a broker that is down until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            KafkaRaftServer s = server;
            server = null;
            s.shutdown();
            s.awaitShutdown();
        }
    }

    /** Starts a stopped broker again on the same ports, with the topics and records it had. */
    public synchronized void restart() {
        if (server == null) {
            startServer();
        }
    }

    /** Stops the broker and deletes its data folder. */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            deleteTree(dir);
        }
    }

    private static Properties config(Path logs, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logs.toString());
        p.put("num.partitions", "1");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        // the 128 MiB default cleaner buffer would cost more heap than everything else here together
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
        p.put("log.cleaner.backoff.ms", "1000");
        p.put("auto.create.topics.enable", "false");
        return p;
    }

    private void format() {
        Path file = dir.resolve("server.properties");
        try (var out = Files.newOutputStream(file)) {
            config.store(out, "embedded broker");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the broker's configuration", e);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int code;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                    "--config", file.toString(), "--ignore-formatted"}, print);
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the broker's storage: " + e.getMessage(), e);
        }
        if (code != 0) {
            throw new IllegalStateException("cannot format the broker's storage (exit " + code + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void startServer() {
        KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        s.startup();
        server = s;
        awaitReady();
    }

    private void awaitReady() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-ready-" + UUID.randomUUID());
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    // a controller that has no active broker yet answers with an empty node list
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while the broker started", e);
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the embedded broker did not answer within " + READY_TIMEOUT);
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file the stopped broker still held open goes with the JVM's temp cleanup
                }
            });
        } catch (IOException e) {
            // as above: the folder is temporary
        }
    }
}

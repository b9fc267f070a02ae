package org.rosterbridge.sink.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Service;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.rosterbridge.model.Entity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's admin connection to Kafka: creates the topics it publishes to when they are missing (entity and
 * roster topics compacted, the runs topic deleting by age) and checks, before each delivery, that a broker answers,
 * so a broker that is down fails a delivery within {@code kafka.max-block} instead of once per event. It connects
 * with the Kafka component's own client settings ({@code camel.component.kafka.*}: security, SASL, TLS), read when
 * first used.
 */
public final class KafkaTopics implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaTopics.class);

    private final KafkaSinkSettings settings;
    private final KafkaConfiguration client;
    private Admin admin;
    private volatile boolean created;
    private volatile long downSince;
    private volatile String downReason;

    /** @param client the Kafka component's configuration, whose producer settings the admin client shares */
    public KafkaTopics(KafkaSinkSettings settings, KafkaConfiguration client) {
        this.settings = settings;
        this.client = client;
    }

    /** Every topic the gateway writes: one per entity (roster rows included), then the runs topic. */
    public List<NewTopic> topics() {
        List<NewTopic> topics = new ArrayList<>();
        for (Entity e : Entity.values()) {
            topics.add(new NewTopic(settings.topic(e.collection()), settings.partitions(), settings.replicationFactor())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        }
        topics.add(new NewTopic(settings.topic("runs"), settings.partitions(), settings.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)));
        return topics;
    }

    /**
     * Returns once a broker answers and every topic exists; throws {@link KafkaUnavailableException} when Kafka does
     * not answer within {@code kafka.max-block}.
     */
    public void ensure() {
        try {
            check();
            downSince = 0;
        } catch (KafkaUnavailableException e) {
            downReason = e.getMessage();
            downSince = System.nanoTime();
            throw e;
        }
    }

    /**
     * As {@link #ensure()}, but fails at once when Kafka did not answer within the last {@code kafka.max-block}: a run
     * event is not worth another wait (a delivery always asks again).
     */
    public void ensureUnlessJustDown() {
        long since = downSince;
        if (since != 0 && System.nanoTime() - since < settings.maxBlock().toNanos()) {
            throw new KafkaUnavailableException(downReason + " (moments ago; not asked again)", null);
        }
        ensure();
    }

    private void check() {
        Admin a = admin();
        long timeout = settings.maxBlock().toMillis();
        try {
            a.describeCluster().clusterId().get(timeout, TimeUnit.MILLISECONDS);
            if (!created) {
                createMissing(a, timeout);
            }
        } catch (TimeoutException e) {
            throw notAnswering(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                throw notAnswering(e.getCause());
            }
            throw new KafkaUnavailableException("Kafka at " + client.getBrokers() + " refused: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while waiting for Kafka", e);
        }
    }

    private KafkaUnavailableException notAnswering(Throwable cause) {
        return new KafkaUnavailableException("Kafka at " + client.getBrokers() + " did not answer within "
                + settings.maxBlock().toMillis() + " ms", cause);
    }

    private void createMissing(Admin a, long timeout) throws InterruptedException, ExecutionException,
            TimeoutException {
        Set<String> existing = a.listTopics().names().get(timeout, TimeUnit.MILLISECONDS);
        List<NewTopic> missing = topics().stream().filter(t -> !existing.contains(t.name())).toList();
        warnUncompacted(a, topics().stream().filter(t -> existing.contains(t.name())).toList(), timeout);
        if (!missing.isEmpty()) {
            var results = a.createTopics(missing).values();
            for (var entry : results.entrySet()) {
                try {
                    entry.getValue().get(timeout, TimeUnit.MILLISECONDS);
                    LOG.info("created Kafka topic {}", entry.getKey());
                } catch (ExecutionException e) {
                    // another instance created it meanwhile
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        created = true;
    }

    /** A topic made by someone else is used as it is, but one that never compacts keeps deleted records for good. */
    private static void warnUncompacted(Admin a, List<NewTopic> found, long timeout) throws InterruptedException,
            ExecutionException, TimeoutException {
        List<ConfigResource> resources = found.stream()
                .filter(t -> TopicConfig.CLEANUP_POLICY_COMPACT.equals(
                        t.configs().get(TopicConfig.CLEANUP_POLICY_CONFIG)))
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t.name())).toList();
        if (resources.isEmpty()) {
            return;
        }
        a.describeConfigs(resources).all().get(timeout, TimeUnit.MILLISECONDS).forEach((resource, config) -> {
            ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
                LOG.warn("Kafka topic {} exists with cleanup.policy={}, not compact: its tombstones will not make "
                        + "deleted records go", resource.name(), policy == null ? "?" : policy.value());
            }
        });
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminProperties());
        }
        return admin;
    }

    /** The admin client's settings: every producer setting an admin client knows (security, SASL, TLS). */
    Properties adminProperties() {
        Properties producer = client.createProducerProperties();
        Properties p = new Properties();
        Set<String> names = AdminClientConfig.configNames();
        producer.forEach((k, v) -> {
            if (names.contains(k.toString())) {
                p.put(k, v);
            }
        });
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, client.getBrokers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "rosterbridge-admin");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) settings.requestTimeout().toMillis());
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Math.max(settings.maxBlock().toMillis(),
                settings.requestTimeout().toMillis()));
        return p;
    }

    @Override
    public void start() {
        // connects when first used, so the gateway starts while Kafka is still coming up
    }

    @Override
    public synchronized void stop() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(5));
            admin = null;
        }
    }
}

package org.rosterbridge.sink.kafka;

import java.time.Duration;
import org.rosterbridge.config.ConfigurationException;
import org.rosterbridge.config.Settings;

/**
 * Where change events go and how long a delivery may wait for Kafka. Client settings beyond these (security,
 * compression, batching) are Camel's own {@code camel.component.kafka.*} properties and override what is set here.
 *
 * @param bootstrapServers  {@code kafka.bootstrap-servers}: empty turns the Kafka sink off
 * @param topicPrefix       {@code kafka.topic-prefix}: topics are {@code {prefix}.users} etc. (default {@code oneroster})
 * @param partitions        {@code kafka.partitions}: partitions of a topic the gateway creates (default 3)
 * @param replicationFactor {@code kafka.replication-factor}: replicas of a topic the gateway creates (default 1;
 *                          use 3 on a production cluster)
 * @param deliveryTimeout   {@code kafka.delivery-timeout}: how long an event may wait for its acknowledgement,
 *                          retries included, before the delivery fails (default 30s)
 * @param requestTimeout    {@code kafka.request-timeout}: one request to a broker (default 15s; shorter than
 *                          the delivery timeout)
 * @param maxBlock          {@code kafka.max-block}: how long a send or an admin call may wait for a broker that does
 *                          not answer (default 30s)
 * @param batchEvents       {@code kafka.batch-events}: events handed to the producer at once; every one is
 *                          acknowledged before the next batch (default 5000)
 */
public record KafkaSinkSettings(String bootstrapServers, String topicPrefix, int partitions, short replicationFactor,
                                Duration deliveryTimeout, Duration requestTimeout, Duration maxBlock,
                                int batchEvents) {
    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap-servers";
    public static final String TOPIC_PREFIX = "kafka.topic-prefix";
    public static final String DELIVERY_TIMEOUT = "kafka.delivery-timeout";
    public static final String REQUEST_TIMEOUT = "kafka.request-timeout";
    /** How long the producer lets a batch fill before sending it: a few ms buys whole batches on a first run. */
    public static final int LINGER_MS = 5;

    public static KafkaSinkSettings from(Settings s) {
        String prefix = s.string(TOPIC_PREFIX, "oneroster");
        if (!prefix.matches("[A-Za-z0-9._-]{1,200}")) {
            throw new ConfigurationException(TOPIC_PREFIX, "must be letters, digits, '.', '_' or '-', not '"
                    + prefix + "'");
        }
        Duration delivery = positive(s, DELIVERY_TIMEOUT, Duration.ofSeconds(30));
        Duration request = positive(s, REQUEST_TIMEOUT, Duration.ofSeconds(15));
        // the client refuses a delivery timeout shorter than a request plus the time a batch lingers
        if (request.plusMillis(LINGER_MS).compareTo(delivery) > 0) {
            throw new ConfigurationException(REQUEST_TIMEOUT, "must be at least " + LINGER_MS + " ms shorter than "
                    + DELIVERY_TIMEOUT + " (" + delivery + ")");
        }
        return new KafkaSinkSettings(
                s.string(BOOTSTRAP_SERVERS, ""),
                prefix,
                s.integer("kafka.partitions", 3, 1, 10_000),
                (short) s.integer("kafka.replication-factor", 1, 1, 32),
                delivery,
                request,
                positive(s, "kafka.max-block", Duration.ofSeconds(30)),
                s.integer("kafka.batch-events", 5000, 1, 1_000_000));
    }

    public boolean enabled() {
        return !bootstrapServers.isEmpty();
    }

    /** {@code {prefix}.{name}}: an entity's collection name or {@code runs}. */
    public String topic(String name) {
        return topicPrefix + "." + name;
    }

    private static Duration positive(Settings s, String key, Duration defaultValue) {
        Duration d = s.duration(key, defaultValue);
        if (d.isNegative() || d.isZero() || d.toMillis() > Integer.MAX_VALUE) {
            throw new ConfigurationException(key, "must be a positive duration below 24 days, not " + d);
        }
        return d;
    }
}

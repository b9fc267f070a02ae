package org.rosterbridge.sink.kafka;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.serde.DefaultKafkaHeaderSerializer;
import org.apache.camel.component.kafka.serde.KafkaHeaderSerializer;
import org.rosterbridge.sync.Delivery;
import org.rosterbridge.sync.RunReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean behind the Kafka routes: checks Kafka answers and the topics exist, then hands the camel-kafka producer
 * its events as batches of messages, each carrying its own topic, key and CloudEvents headers.
 */
public final class KafkaSink {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);
    private static final String STARTED = "rosterbridgeKafkaStarted";
    private static final String PUBLISHED = "rosterbridgeKafkaPublished";

    private final KafkaSinkSettings settings;
    private final KafkaTopics topics;
    private final ChangeEvents changes;
    private final RunEvents runs;

    public KafkaSink(KafkaSinkSettings settings, KafkaTopics topics) {
        this.settings = settings;
        this.topics = topics;
        this.changes = new ChangeEvents(settings);
        this.runs = new RunEvents(settings);
    }

    /** Before a delivery: Kafka answers and every topic exists, or this throws within {@code kafka.max-block}. */
    public void prepare(Exchange exchange) {
        exchange.setProperty(STARTED, System.nanoTime());
        exchange.setProperty(PUBLISHED, new int[1]);
        topics.ensure();
    }

    /** Body {@link Delivery}: its records in batches of {@code kafka.batch-events} Camel messages, one topic each. */
    public Iterator<List<Message>> batches(Exchange exchange) {
        Delivery delivery = exchange.getIn().getBody(Delivery.class);
        Iterator<List<EventRecord>> records = changes.batches(delivery, settings.batchEvents());
        int[] published = exchange.getProperty(PUBLISHED, int[].class);
        CamelContext context = exchange.getContext();
        boolean headerBytes = headerBytes(context);
        return new Iterator<>() {
            private boolean first = true;

            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public List<Message> next() {
                // a topic the producer has not seen yet makes each send wait up to max.block.ms for its metadata:
                // asking first whether Kafka still answers keeps a broker lost mid-delivery to one such wait
                if (!first) {
                    topics.ensure();
                }
                first = false;
                List<EventRecord> batch = records.next();
                published[0] += batch.size();
                return messages(context, batch, headerBytes);
            }
        };
    }

    /** After the last batch was acknowledged. */
    public void published(Exchange exchange) {
        Delivery delivery = exchange.getIn().getBody(Delivery.class);
        long millis = (System.nanoTime() - exchange.getProperty(STARTED, Long.class)) / 1_000_000;
        int records = exchange.getProperty(PUBLISHED, int[].class)[0];
        LOG.info("school {}: {} changes published to Kafka as {} records in {} ms", delivery.school().estab(),
                delivery.changes().changes().size(), records, millis);
    }

    /** Body {@link RunReport}: becomes the one message of the runs topic. */
    public List<Message> runEvent(Exchange exchange) {
        RunReport report = exchange.getIn().getBody(RunReport.class);
        topics.ensureUnlessJustDown();
        return messages(exchange.getContext(), List.of(runs.event(report)), headerBytes(exchange.getContext()));
    }

    static List<Message> messages(CamelContext context, List<EventRecord> records, boolean headerBytes) {
        List<Message> out = new ArrayList<>(records.size());
        for (EventRecord r : records) {
            out.add(new EventMessage(context, r, headerBytes));
        }
        return out;
    }

    /**
     * Whether the event headers can go to camel-kafka as their bytes: its default serializer passes bytes through
     * and encodes text the same way, so each event skips encoding its headers; a serializer set through
     * {@code camel.component.kafka.header-serializer} gets them as text, as before.
     */
    static boolean headerBytes(CamelContext context) {
        KafkaComponent kafka = context.getComponent("kafka", KafkaComponent.class);
        KafkaHeaderSerializer serializer = kafka == null ? null : kafka.getConfiguration().getHeaderSerializer();
        return serializer == null || serializer.getClass() == DefaultKafkaHeaderSerializer.class;
    }
}

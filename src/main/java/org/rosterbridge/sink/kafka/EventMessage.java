package org.rosterbridge.sink.kafka;

import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;

/**
 * A Camel message for one Kafka record whose header names keep their exact case. Kafka header names are
 * case-sensitive and the CloudEvents Kafka binding names {@code content-type} in lower case, while Camel's own header
 * map writes that name as {@code Content-Type}. Its headers are the record's topic, key and event headers, in a
 * {@link MessageHeaders} made when camel-kafka first reads them; an event's header values are its header bytes,
 * which camel-kafka's default serializer passes through as they are.
 */
final class EventMessage extends DefaultMessage {
    private static final String[] EVENT_NAMES = new String[2 + EventHeaders.NAMES.length];
    private static final String[] TOMBSTONE_NAMES = {KafkaConstants.OVERRIDE_TOPIC, KafkaConstants.KEY};

    static {
        EVENT_NAMES[0] = KafkaConstants.OVERRIDE_TOPIC;
        EVENT_NAMES[1] = KafkaConstants.KEY;
        System.arraycopy(EventHeaders.NAMES, 0, EVENT_NAMES, 2, EventHeaders.NAMES.length);
    }

    private final EventRecord record;
    private final boolean headerBytes;

    /** {@code headerBytes}: event headers as the bytes Kafka carries, else as text for a configured serializer. */
    EventMessage(CamelContext context, EventRecord record, boolean headerBytes) {
        super(context);
        this.record = record;
        this.headerBytes = headerBytes;
        setBody(record.value());
    }

    @Override
    protected boolean isPopulateHeadersSupported() {
        // the headers are made when first asked for, so asking whether there are any must make them too
        return true;
    }

    @Override
    protected Map<String, Object> createHeaders() {
        Map<String, String> headers = record.headers();
        if (headers instanceof EventHeaders event) {
            Object[] values = new Object[EVENT_NAMES.length];
            values[0] = record.topic();
            values[1] = record.key();
            for (int i = 0; i < EventHeaders.NAMES.length; i++) {
                values[2 + i] = headerBytes ? event.bytes(i) : event.value(i);
            }
            return new MessageHeaders(EVENT_NAMES, values);
        }
        MessageHeaders map = new MessageHeaders(TOMBSTONE_NAMES, new Object[] {record.topic(), record.key()});
        map.putAll(headers);
        return map;
    }
}

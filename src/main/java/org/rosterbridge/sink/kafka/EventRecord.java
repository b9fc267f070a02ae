package org.rosterbridge.sink.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One record to publish, as Kafka will hold it: topic, key, value bytes (null for a tombstone) and headers.
 */
public record EventRecord(String topic, String key, byte[] value, Map<String, String> headers) {
    public EventRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        // an event's own headers are immutable already: copying them was most of the cost of a record
        if (!(headers instanceof EventHeaders)) {
            headers = headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }
    }

    public boolean tombstone() {
        return value == null;
    }
}

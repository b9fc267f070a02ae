package org.rosterbridge.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The canonical form as Jackson's databind wrote and read it before it was written by hand: the reference the
 * hand-written form must match byte for byte, since stored fingerprints are hashes of those bytes.
 */
public final class DatabindCanonicalJson {
    // a copy of the configuration, not CanonicalJson.mapper(): the reference must not move if that mapper does
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private DatabindCanonicalJson() {
    }

    public static byte[] write(OneRosterRecord record) {
        try {
            return MAPPER.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static OneRosterRecord read(Entity entity, byte[] json) {
        try {
            return MAPPER.readValue(json, CanonicalJson.typeOf(entity));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

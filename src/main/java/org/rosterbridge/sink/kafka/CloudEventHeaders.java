package org.rosterbridge.sink.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * CloudEvents 1.0 attributes in Kafka's binary mode: each attribute a {@code ce_} header, the value the event's
 * data, {@code content-type} its media type.
 */
final class CloudEventHeaders {
    static final String SPECVERSION = "ce_specversion";
    static final String ID = "ce_id";
    static final String SOURCE = "ce_source";
    static final String TYPE = "ce_type";
    static final String SUBJECT = "ce_subject";
    static final String TIME = "ce_time";
    static final String CONTENT_TYPE = "content-type";
    static final String TYPE_PREFIX = "org.rosterbridge.";

    private CloudEventHeaders() {
    }

    static Map<String, String> of(String id, String estab, String type, String subject, Instant time) {
        Map<String, String> h = new LinkedHashMap<>(8);
        h.put(SPECVERSION, "1.0");
        h.put(ID, id);
        h.put(SOURCE, source(estab));
        h.put(TYPE, TYPE_PREFIX + type);
        h.put(SUBJECT, subject);
        h.put(TIME, time.toString());
        h.put(CONTENT_TYPE, "application/json");
        return h;
    }

    /** Where an event comes from: one school's Xporter feed, as the gateway saw it. */
    static String source(String estab) {
        return "/rosterbridge/xporter/" + estab;
    }

    /** A name-based UUID (RFC 4122 version 3) of these parts: the same parts always give the same id. */
    static String nameId(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length + 1;
        }
        byte[] name = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, name, at, p.length);
            at += p.length;
            // a separator no part contains keeps ("ab","c") and ("a","bc") apart
            name[at++] = 0;
        }
        return UUID.nameUUIDFromBytes(name).toString();
    }

    static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}

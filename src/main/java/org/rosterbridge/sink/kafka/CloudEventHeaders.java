package org.rosterbridge.sink.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
        return of(id, source(estab), type, subject, time.toString());
    }

    /** As above, with the source and time already written (the same for every event of a delivery). */
    static Map<String, String> of(String id, String source, String type, String subject, String time) {
        Map<String, String> h = new LinkedHashMap<>(8);
        h.put(SPECVERSION, "1.0");
        h.put(ID, id);
        h.put(SOURCE, source);
        h.put(TYPE, TYPE_PREFIX + type);
        h.put(SUBJECT, subject);
        h.put(TIME, time);
        h.put(CONTENT_TYPE, "application/json");
        return h;
    }

    /** Where an event comes from: one school's Xporter feed, as the gateway saw it. */
    static String source(String estab) {
        return "/rosterbridge/xporter/" + estab;
    }

    /** A name-based UUID (RFC 4122 version 3) of these parts: the same parts always give the same id. */
    static String nameId(byte[]... parts) {
        MessageDigest md5 = MD5.get();
        md5.reset();
        for (byte[] p : parts) {
            md5.update(p);
            // a separator no JSON text or id holds keeps ("ab","c") and ("a","bc") apart
            md5.update((byte) 0);
        }
        byte[] hash = md5.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x30);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = (high << 8) | (hash[i] & 0xff);
            low = (low << 8) | (hash[i + 8] & 0xff);
        }
        return new UUID(high, low).toString();
    }

    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    });

    static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }
}

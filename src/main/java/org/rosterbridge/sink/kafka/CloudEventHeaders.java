package org.rosterbridge.sink.kafka;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

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

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final ThreadLocal<NameIds> IDS = ThreadLocal.withInitial(NameIds::new);

    private CloudEventHeaders() {
    }

    static EventHeaders of(String id, String estab, String type, String subject, Instant time) {
        return new EventHeaders(EventHeaders.Shared.of(source(estab), type, time.toString()), null, id,
                EventHeaders.bytes(subject), subject);
    }

    /** Where an event comes from: one school's Xporter feed, as the gateway saw it. */
    static String source(String estab) {
        return "/rosterbridge/xporter/" + estab;
    }

    /** A name-based UUID (RFC 4122 version 3) of these parts: the same parts always give the same id. */
    static String nameId(byte[]... parts) {
        NameIds ids = nameIds();
        for (byte[] p : parts) {
            ids.part(p);
        }
        return new String(ids.id(), StandardCharsets.US_ASCII);
    }

    /** This thread's digest for name-based ids. */
    static NameIds nameIds() {
        return IDS.get();
    }

    static byte[] utf8(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Name-based ids built one after another on one thread: one MD5 instance for them all, and each id written
     * straight into the 36 ASCII bytes of its text form, which is what its header carries.
     */
    static final class NameIds {
        private final MessageDigest md5;

        NameIds() {
            try {
                md5 = MessageDigest.getInstance("MD5");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has MD5", e);
            }
        }

        /** Adds one part of the name of the next id. */
        NameIds part(byte[] p) {
            md5.update(p);
            // a separator no JSON text or id holds keeps ("ab","c") and ("a","bc") apart
            md5.update((byte) 0);
            return this;
        }

        /** The id of the parts added since the last one, as {@link java.util.UUID#toString()} writes it. */
        byte[] id() {
            byte[] hash = md5.digest();
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x30);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            byte[] out = new byte[36];
            int o = 0;
            for (int i = 0; i < 16; i++) {
                if (i == 4 || i == 6 || i == 8 || i == 10) {
                    out[o++] = '-';
                }
                out[o++] = HEX[(hash[i] >> 4) & 0x0f];
                out[o++] = HEX[hash[i] & 0x0f];
            }
            return out;
        }
    }
}

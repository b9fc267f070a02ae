package org.rosterbridge.sink.kafka;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The CloudEvents headers of one event in their record order, each value held both as text and as the bytes its
 * Kafka header carries. Built once per event with no map of its own: what a delivery's events share (source, type,
 * time) is one {@link Shared} object, written once, and only the id and the subject are the event's own.
 */
final class EventHeaders extends AbstractMap<String, String> {
    static final String[] NAMES = {CloudEventHeaders.SPECVERSION, CloudEventHeaders.ID, CloudEventHeaders.SOURCE,
        CloudEventHeaders.TYPE, CloudEventHeaders.SUBJECT, CloudEventHeaders.TIME, CloudEventHeaders.CONTENT_TYPE};
    private static final String SPECVERSION = "1.0";
    private static final String CONTENT_TYPE = "application/json";
    private static final byte[] SPECVERSION_BYTES = bytes(SPECVERSION);
    private static final byte[] CONTENT_TYPE_BYTES = bytes(CONTENT_TYPE);
    // camel-kafka's default header serializer encodes a text header with the platform charset
    private static final boolean UTF8_PLATFORM = Charset.defaultCharset().equals(StandardCharsets.UTF_8);

    private final Shared shared;
    private final byte[] idBytes;
    private String id;
    private final byte[] subjectBytes;
    private final String subject;

    /** {@code id} or {@code idBytes} may be null (the other is then its ASCII text). */
    EventHeaders(Shared shared, byte[] idBytes, String id, byte[] subjectBytes, String subject) {
        this.shared = shared;
        this.idBytes = idBytes != null ? idBytes : bytes(id);
        this.id = id;
        this.subjectBytes = subjectBytes;
        this.subject = subject;
    }

    /** A header's bytes as camel-kafka's default serializer writes its text (the platform charset). */
    static byte[] bytes(String value) {
        return value.getBytes(Charset.defaultCharset());
    }

    /** The subject's header bytes, reusing its UTF-8 bytes where the platform charset is UTF-8. */
    static byte[] bytes(String value, byte[] utf8) {
        return UTF8_PLATFORM ? utf8 : bytes(value);
    }

    /** The bytes of the header {@code NAMES[i]}; shared between events: never to be written to. */
    byte[] bytes(int i) {
        return switch (i) {
            case 0 -> SPECVERSION_BYTES;
            case 1 -> idBytes;
            case 2 -> shared.sourceBytes;
            case 3 -> shared.typeBytes;
            case 4 -> subjectBytes;
            case 5 -> shared.timeBytes;
            case 6 -> CONTENT_TYPE_BYTES;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    /** The text of the header {@code NAMES[i]}. */
    String value(int i) {
        return switch (i) {
            case 0 -> SPECVERSION;
            case 1 -> id();
            case 2 -> shared.source;
            case 3 -> shared.type;
            case 4 -> subject;
            case 5 -> shared.time;
            case 6 -> CONTENT_TYPE;
            default -> throw new IndexOutOfBoundsException(i);
        };
    }

    private String id() {
        if (id == null) {
            id = new String(idBytes, StandardCharsets.US_ASCII);
        }
        return id;
    }

    @Override
    public int size() {
        return NAMES.length;
    }

    @Override
    public String get(Object name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return value(i);
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object name) {
        for (String n : NAMES) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return NAMES.length;
            }

            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < NAMES.length;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= NAMES.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(NAMES[i], value(i));
                    }
                };
            }
        };
    }

    /** The headers every event of one type in one delivery shares, with their bytes written once. */
    static final class Shared {
        private final String source;
        private final byte[] sourceBytes;
        private final String type;
        private final byte[] typeBytes;
        private final String time;
        private final byte[] timeBytes;

        private Shared(String source, byte[] sourceBytes, String type, String time, byte[] timeBytes) {
            this.source = source;
            this.sourceBytes = sourceBytes;
            this.type = type;
            this.typeBytes = bytes(type);
            this.time = time;
            this.timeBytes = timeBytes;
        }

        /** {@code type} without {@link CloudEventHeaders#TYPE_PREFIX}. */
        static Shared of(String source, String type, String time) {
            return new Shared(source, bytes(source), CloudEventHeaders.TYPE_PREFIX + type, time, bytes(time));
        }

        /** The same source and time with another type, their bytes shared. */
        Shared withType(String type) {
            return new Shared(source, sourceBytes, CloudEventHeaders.TYPE_PREFIX + type, time, timeBytes);
        }
    }
}

package org.rosterbridge.sink.kafka;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.rosterbridge.change.Change;
import org.rosterbridge.change.ChangeOp;
import org.rosterbridge.change.ChangeReason;
import org.rosterbridge.model.Entity;
import org.rosterbridge.sync.Delivery;

/**
 * Turns a delivery's changes into the records of the entity topics: per change one change event on
 * {@code {prefix}.{collection}} keyed {@code {estab}/{sourcedId}}, and after every delete (soft or hard) a tombstone
 * for that key, so a compacted topic forgets the record. The order is the change set's, so a key's events keep their
 * order (one key, one partition).
 *
 * <p>The value is {@code {"op","entity","estab","sourcedId","before","after","reason","runId"}} with {@code before}
 * and {@code after} the canonical record JSON embedded as stored. {@code ce_id} is a name-based UUID of the school,
 * entity, sourcedId, reason and the exact bytes of both versions: a run that delivers the same change again (after a
 * failure) gives the same id, while a change that recurs later (deleted, reactivated, deleted again) carries a new
 * {@code dateLastModified} and so a new id. {@code ce_time} is the start of the run that observed the change.
 */
public final class ChangeEvents {
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] QUOTE = {'"'};
    private static final byte[] BEFORE = ascii("\",\"before\":");
    private static final byte[] AFTER = ascii(",\"after\":");
    private static final ChangeReason[] REASONS = ChangeReason.values();

    private final String[] topics;

    public ChangeEvents(KafkaSinkSettings settings) {
        // one topic string per entity: the producer looks each record's topic up in its maps, and a string reused
        // hashes once
        Entity[] entities = Entity.values();
        topics = new String[entities.length];
        for (Entity e : entities) {
            topics[e.ordinal()] = settings.topic(e.collection());
        }
    }

    /** Every record of the delivery, in order. */
    public List<EventRecord> records(Delivery delivery) {
        List<EventRecord> out = new ArrayList<>(delivery.changes().changes().size() + 16);
        batches(delivery, Integer.MAX_VALUE).forEachRemaining(out::addAll);
        return out;
    }

    /**
     * The delivery's records in batches of at most {@code size}, each of one topic, built as they are asked for; a
     * delete and its tombstone may fall into consecutive batches, which keeps their order.
     */
    public Iterator<List<EventRecord>> batches(Delivery delivery, int size) {
        List<Change> changes = delivery.changes().changes();
        Writer writer = new Writer(delivery);
        return new Iterator<>() {
            private int next;
            private EventRecord pendingTombstone;

            @Override
            public boolean hasNext() {
                return next < changes.size() || pendingTombstone != null;
            }

            @Override
            public List<EventRecord> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<EventRecord> batch = new ArrayList<>(Math.min(size, 2 * (changes.size() - next) + 1));
                Entity entity = pendingTombstone != null ? changes.get(next - 1).entity() : changes.get(next).entity();
                while (batch.size() < size && hasNext()) {
                    if (pendingTombstone != null) {
                        batch.add(pendingTombstone);
                        pendingTombstone = null;
                        continue;
                    }
                    Change c = changes.get(next);
                    if (c.entity() != entity) {
                        break;
                    }
                    next++;
                    batch.add(writer.event(c));
                    if (c.op() == ChangeOp.DELETED) {
                        pendingTombstone = writer.tombstone(c);
                    }
                }
                return batch;
            }
        };
    }

    /** The change event of one change. */
    public EventRecord event(Delivery delivery, Change c) {
        return new Writer(delivery).event(c);
    }

    /** The null-valued record that lets compaction drop a deleted key. It carries no headers: it is no event. */
    public EventRecord tombstone(Delivery delivery, Change c) {
        return new Writer(delivery).tombstone(c);
    }

    public String topic(Entity entity) {
        return topics[entity.ordinal()];
    }

    public static String key(String estab, String sourcedId) {
        return estab + "/" + sourcedId;
    }

    /** The singular a CloudEvents type names: {@code user}, {@code academicSession}, {@code roster}. */
    static String typeName(Entity entity) {
        return switch (entity) {
            case ORGS -> "org";
            case ACADEMIC_SESSIONS -> "academicSession";
            case COURSES -> "course";
            case CLASSES -> "class";
            case USERS -> "user";
            case ENROLLMENTS -> "enrollment";
            case ROSTERS -> "roster";
        };
    }

    /** What every record of one delivery shares, written once. */
    private final class Writer {
        private final String estab;
        private final byte[] estabBytes;
        private final byte[] estabJson;
        private final byte[] runIdJson;
        private final String keyPrefix;
        private final EventHeaders.Shared headers;
        private final Kind[] kinds = new Kind[Entity.values().length * REASONS.length];

        Writer(Delivery delivery) {
            estab = delivery.school().estab();
            estabBytes = CloudEventHeaders.utf8(estab);
            estabJson = Json.quoted(estab);
            runIdJson = Json.quoted(delivery.runId());
            keyPrefix = estab + "/";
            headers = EventHeaders.Shared.of(CloudEventHeaders.source(estab), "", delivery.startedAt().toString());
        }

        EventRecord event(Change c) {
            Kind kind = kind(c);
            byte[] before = c.before() == null ? NULL : c.before().json();
            byte[] after = c.after() == null ? NULL : c.after().json();
            String sourcedId = c.sourcedId();
            byte[] sourcedIdBytes = CloudEventHeaders.utf8(sourcedId);
            // the thread's own digest, asked for per event: a writer is cheap to make for one event, and safe to use
            // from whichever thread reads a delivery's batches
            byte[] id = CloudEventHeaders.nameIds().part(estabBytes).part(kind.collection).part(sourcedIdBytes)
                    .part(kind.reason).part(before).part(after).id();
            // written straight into an array of the exact size: the value is the record's only copy of the event
            byte[] quoted = Json.isPlain(sourcedIdBytes) ? sourcedIdBytes : Json.quotedContent(sourcedId);
            byte[] value = new byte[kind.head.length + quoted.length + BEFORE.length + before.length + AFTER.length
                    + after.length + kind.tail.length];
            int at = put(value, 0, kind.head);
            at = put(value, at, quoted);
            at = put(value, at, BEFORE);
            at = put(value, at, before);
            at = put(value, at, AFTER);
            at = put(value, at, after);
            put(value, at, kind.tail);
            return new EventRecord(kind.topic, keyPrefix + sourcedId, value, new EventHeaders(kind.headers, id, null,
                    EventHeaders.bytes(sourcedId, sourcedIdBytes), sourcedId));
        }

        EventRecord tombstone(Change c) {
            return new EventRecord(topic(c.entity()), keyPrefix + c.sourcedId(), null, Map.of());
        }

        /** What the events of one entity and reason share within this delivery, written when first met. */
        private Kind kind(Change c) {
            int i = c.entity().ordinal() * REASONS.length + c.reason().ordinal();
            Kind kind = kinds[i];
            if (kind == null) {
                kind = new Kind(c.entity(), c.reason());
                kinds[i] = kind;
            }
            return kind;
        }

        private final class Kind {
            private final String topic;
            private final byte[] collection;
            private final byte[] reason;
            /** {@code {"op":"…","entity":"…","estab":"…","sourcedId":"} */
            private final byte[] head;
            /** {@code ,"reason":"…","runId":"…"}} */
            private final byte[] tail;
            private final EventHeaders.Shared headers;

            Kind(Entity entity, ChangeReason why) {
                ChangeOp op = why.op();
                topic = topic(entity);
                collection = CloudEventHeaders.utf8(entity.collection());
                reason = CloudEventHeaders.utf8(why.wire());
                head = concat(ascii("{\"op\":"), Json.quoted(op.wire()), ascii(",\"entity\":"),
                        Json.quoted(entity.collection()), ascii(",\"estab\":"), estabJson, ascii(",\"sourcedId\":\""));
                tail = concat(ascii(",\"reason\":"), Json.quoted(why.wire()), ascii(",\"runId\":"), runIdJson,
                        ascii("}"));
                headers = Writer.this.headers.withType("oneroster." + typeName(entity) + "." + op.wire());
            }
        }
    }

    private static int put(byte[] to, int at, byte[] b) {
        System.arraycopy(b, 0, to, at, b.length);
        return at + b.length;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] p : parts) {
            at = put(out, at, p);
        }
        return out;
    }

    /** JSON strings as Jackson quotes them, with a copy-free path for the plain ASCII of nearly every id. */
    private static final class Json {
        private Json() {
        }

        /** {@code "s"}, quoted and escaped. */
        static byte[] quoted(String s) {
            return concat(QUOTE, quotedContent(s), QUOTE);
        }

        /** The escaped UTF-8 between the quotes. */
        static byte[] quotedContent(String s) {
            return JsonStringEncoder.getInstance().quoteAsUTF8(s);
        }

        /** Whether these UTF-8 bytes are printable ASCII that JSON needs no escape for: then they are the quoting. */
        static boolean isPlain(byte[] utf8) {
            for (byte b : utf8) {
                if (b < 0x20 || b == 0x7f || b == '"' || b == '\\') {
                    return false;
                }
            }
            return true;
        }
    }
}

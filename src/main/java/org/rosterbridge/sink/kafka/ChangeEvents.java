package org.rosterbridge.sink.kafka;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.rosterbridge.change.Change;
import org.rosterbridge.change.ChangeOp;
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

    private final KafkaSinkSettings settings;

    public ChangeEvents(KafkaSinkSettings settings) {
        this.settings = settings;
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
        return settings.topic(entity.collection());
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
        private final String runId;
        private final String source;
        private final String time;

        Writer(Delivery delivery) {
            estab = delivery.school().estab();
            estabBytes = CloudEventHeaders.utf8(estab);
            runId = delivery.runId();
            source = CloudEventHeaders.source(estab);
            time = delivery.startedAt().toString();
        }

        EventRecord event(Change c) {
            byte[] before = c.before() == null ? NULL : c.before().json();
            byte[] after = c.after() == null ? NULL : c.after().json();
            String id = CloudEventHeaders.nameId(estabBytes, CloudEventHeaders.utf8(c.entity().collection()),
                    CloudEventHeaders.utf8(c.sourcedId()), CloudEventHeaders.utf8(c.reason().wire()), before, after);
            Map<String, String> headers = CloudEventHeaders.of(id, source,
                    "oneroster." + typeName(c.entity()) + "." + c.op().wire(), c.sourcedId(), time);
            Json json = new Json(160 + before.length + after.length);
            json.raw("{\"op\":").string(c.op().wire())
                    .raw(",\"entity\":").string(c.entity().collection())
                    .raw(",\"estab\":").string(estab)
                    .raw(",\"sourcedId\":").string(c.sourcedId())
                    .raw(",\"before\":").bytes(before)
                    .raw(",\"after\":").bytes(after)
                    .raw(",\"reason\":").string(c.reason().wire())
                    .raw(",\"runId\":").string(runId)
                    .raw("}");
            return new EventRecord(topic(c.entity()), key(estab, c.sourcedId()), json.toByteArray(), headers);
        }

        EventRecord tombstone(Change c) {
            return new EventRecord(topic(c.entity()), key(estab, c.sourcedId()), null, Map.of());
        }
    }

    /**
     * Writes JSON by hand into one array, so the stored canonical bytes are embedded without being parsed and written
     * again (and without the locking of a stream).
     */
    private static final class Json {
        private byte[] buf;
        private int length;

        Json(int size) {
            buf = new byte[size];
        }

        Json raw(String ascii) {
            ensure(ascii.length());
            for (int i = 0; i < ascii.length(); i++) {
                buf[length++] = (byte) ascii.charAt(i);
            }
            return this;
        }

        Json string(String s) {
            byte[] quoted = JsonStringEncoder.getInstance().quoteAsUTF8(s);
            ensure(quoted.length + 2);
            buf[length++] = '"';
            System.arraycopy(quoted, 0, buf, length, quoted.length);
            length += quoted.length;
            buf[length++] = '"';
            return this;
        }

        Json bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, length, b.length);
            length += b.length;
            return this;
        }

        byte[] toByteArray() {
            return length == buf.length ? buf : Arrays.copyOf(buf, length);
        }

        private void ensure(int more) {
            if (length + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
            }
        }
    }
}

package org.rosterbridge.sink.kafka;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
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
     * The delivery's records in batches of at most {@code size}, built as they are asked for; a delete and its
     * tombstone may fall into consecutive batches, which keeps their order.
     */
    public Iterator<List<EventRecord>> batches(Delivery delivery, int size) {
        List<Change> changes = delivery.changes().changes();
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
                while (batch.size() < size && hasNext()) {
                    if (pendingTombstone != null) {
                        batch.add(pendingTombstone);
                        pendingTombstone = null;
                        continue;
                    }
                    Change c = changes.get(next++);
                    batch.add(event(delivery, c));
                    if (c.op() == ChangeOp.DELETED) {
                        pendingTombstone = tombstone(delivery, c);
                    }
                }
                return batch;
            }
        };
    }

    /** The change event of one change. */
    public EventRecord event(Delivery delivery, Change c) {
        String estab = delivery.school().estab();
        byte[] before = c.before() == null ? null : c.before().json();
        byte[] after = c.after() == null ? null : c.after().json();
        String id = CloudEventHeaders.nameId(CloudEventHeaders.utf8(estab),
                CloudEventHeaders.utf8(c.entity().collection()), CloudEventHeaders.utf8(c.sourcedId()),
                CloudEventHeaders.utf8(c.reason().wire()), before == null ? NULL : before, after == null ? NULL : after);
        Map<String, String> headers = CloudEventHeaders.of(id, estab,
                "oneroster." + typeName(c.entity()) + "." + c.op().wire(), c.sourcedId(), delivery.startedAt());
        return new EventRecord(topic(c.entity()), key(estab, c.sourcedId()), value(delivery, c, before, after),
                headers);
    }

    /** The null-valued record that lets compaction drop a deleted key. It carries no headers: it is no event. */
    public EventRecord tombstone(Delivery delivery, Change c) {
        return new EventRecord(topic(c.entity()), key(delivery.school().estab(), c.sourcedId()), null, Map.of());
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

    private static byte[] value(Delivery delivery, Change c, byte[] before, byte[] after) {
        int size = 160 + (before == null ? 4 : before.length) + (after == null ? 4 : after.length);
        Json json = new Json(size);
        json.raw("{\"op\":").string(c.op().wire())
                .raw(",\"entity\":").string(c.entity().collection())
                .raw(",\"estab\":").string(delivery.school().estab())
                .raw(",\"sourcedId\":").string(c.sourcedId())
                .raw(",\"before\":").bytes(before == null ? NULL : before)
                .raw(",\"after\":").bytes(after == null ? NULL : after)
                .raw(",\"reason\":").string(c.reason().wire())
                .raw(",\"runId\":").string(delivery.runId())
                .raw("}");
        return json.toByteArray();
    }

    /** Writes JSON by hand, so the stored canonical bytes are embedded without being parsed and written again. */
    private static final class Json extends ByteArrayOutputStream {
        Json(int size) {
            super(size);
        }

        Json raw(String ascii) {
            for (int i = 0; i < ascii.length(); i++) {
                write(ascii.charAt(i));
            }
            return this;
        }

        Json string(String s) {
            write('"');
            bytes(JsonStringEncoder.getInstance().quoteAsUTF8(s));
            write('"');
            return this;
        }

        Json bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }
    }
}

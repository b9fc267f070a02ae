package org.rosterbridge.change;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Fingerprint;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;

/**
 * The binary form of a committed snapshot: a length-prefixed record stream that is quick to write and to read back
 * into {@link RecordVersion#stored} versions, and that proves on reading that it is whole.
 *
 * <pre>
 * header   "RBSN", format version (1 byte), flags (1 byte; bit 0: body deflated)
 *          estab (2-byte length, UTF-8), record count (4), body length before deflating (8), content digest (8)
 * body     per record, entity by entity in Entity order and, within one, in the snapshot's order:
 *          entity ordinal (1), status (1: 0 active, 1 tobedeleted), fingerprint (16),
 *          sourcedId (varint length, UTF-8), canonical JSON (varint length, bytes)
 * trailer  CRC-32C of every byte before it (4), "RBND"
 * </pre>
 * Integers are big-endian. A file without its trailer, with a wrong checksum or with a body that does not parse to
 * exactly the stated records is rejected whole: half a snapshot is never loaded.
 */
public final class SnapshotCodec {
    private static final byte[] MAGIC = {'R', 'B', 'S', 'N'};
    private static final byte[] END = {'R', 'B', 'N', 'D'};
    private static final int FORMAT = 1;
    private static final int DEFLATED = 1;
    private static final int TRAILER = 8;
    private static final int FIXED_HEADER = MAGIC.length + 2 + 2 + 4 + 8 + 8;
    private static final Entity[] ENTITIES = Entity.values();
    private static final Status[] STATUSES = Status.values();

    private SnapshotCodec() {
    }

    /** What a file says about itself, readable without reading its records. */
    public record Header(String estab, int records, long bodyLength, long digest, boolean deflated) {
    }

    /** Writes {@code snapshot} to {@code out} (which should be buffered); does not close it. */
    public static void write(Snapshot snapshot, OutputStream out, boolean deflate) throws IOException {
        CRC32C crc = new CRC32C();
        CheckedOutputStream checked = new CheckedOutputStream(out, crc);
        DataOutputStream header = new DataOutputStream(checked);
        byte[] estab = snapshot.estab().getBytes(StandardCharsets.UTF_8);
        int count = 0;
        long bodyLength = 0;
        for (Entity entity : ENTITIES) {
            for (RecordVersion v : snapshot.records(entity).values()) {
                count++;
                bodyLength += encodedLength(v);
            }
        }
        header.write(MAGIC);
        header.writeByte(FORMAT);
        header.writeByte(deflate ? DEFLATED : 0);
        header.writeShort(estab.length);
        header.write(estab);
        header.writeInt(count);
        header.writeLong(bodyLength);
        header.writeLong(digest(snapshot));
        header.flush();

        Deflater deflater = deflate ? new Deflater(Deflater.BEST_SPEED, true) : null;
        try {
            DeflaterOutputStream deflating = deflate ? new DeflaterOutputStream(checked, deflater, 1 << 16) : null;
            // small writes reach the checksum and the deflater in large blocks, not field by field
            DataOutputStream body = new DataOutputStream(
                    new BufferedOutputStream(deflate ? deflating : checked, 1 << 16));
            for (Entity entity : ENTITIES) {
                for (RecordVersion v : snapshot.records(entity).values()) {
                    writeRecord(body, v);
                }
            }
            body.flush();
            if (deflating != null) {
                deflating.finish();
            }
        } finally {
            if (deflater != null) {
                deflater.end();
            }
        }
        checked.flush();
        DataOutputStream trailer = new DataOutputStream(out);
        trailer.writeInt((int) crc.getValue());
        trailer.write(END);
        trailer.flush();
    }

    /** Reads a whole file's bytes; {@code origin} names the file in every error. */
    public static Snapshot read(byte[] file, String origin) {
        if (file.length < FIXED_HEADER + TRAILER || !Arrays.equals(file, file.length - END.length, file.length,
                END, 0, END.length)) {
            throw corrupt(origin, "it is truncated (no end marker)");
        }
        CRC32C crc = new CRC32C();
        crc.update(file, 0, file.length - TRAILER);
        ByteBuffer buf = ByteBuffer.wrap(file);
        if ((int) crc.getValue() != buf.getInt(file.length - TRAILER)) {
            throw corrupt(origin, "its checksum does not match its content");
        }
        Header header = header(buf, origin);
        int bodyStart = buf.position();
        int bodyEnd = file.length - TRAILER;
        if (header.bodyLength() > Integer.MAX_VALUE - 8) {
            throw corrupt(origin, "its body length " + header.bodyLength() + " is impossible");
        }
        byte[] body;
        int from;
        int to;
        if (header.deflated()) {
            body = inflate(file, bodyStart, bodyEnd - bodyStart, (int) header.bodyLength(), origin);
            from = 0;
            to = body.length;
        } else {
            body = file;
            from = bodyStart;
            to = bodyEnd;
            if (to - from != header.bodyLength()) {
                throw corrupt(origin, "its body has " + (to - from) + " bytes, not " + header.bodyLength());
            }
        }
        return records(header, body, from, to, origin);
    }

    /** Reads only the header from the start of a file. */
    public static Header header(InputStream in, String origin) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] fixed = new byte[MAGIC.length + 4];
        data.readFully(fixed);
        int estabLength = ((fixed[6] & 0xff) << 8) | (fixed[7] & 0xff);
        byte[] rest = new byte[estabLength + 20];
        data.readFully(rest);
        ByteBuffer buf = ByteBuffer.allocate(fixed.length + rest.length).put(fixed).put(rest).flip();
        return header(buf, origin);
    }

    /**
     * A 64-bit digest of what a snapshot holds (entity, sourcedId and content of every record, in order): two
     * snapshots with the same digest deliver the same records.
     */
    public static long digest(Snapshot snapshot) {
        // fingerprints are well-mixed hashes already (and cover sourcedId and status), so a polynomial fold will do
        long h = 1;
        for (Entity entity : ENTITIES) {
            for (RecordVersion v : snapshot.records(entity).values()) {
                h = 31 * h + entity.ordinal();
                h = 31 * h + v.fingerprint().high();
                h = 31 * h + v.fingerprint().low();
            }
        }
        return h;
    }

    private static Header header(ByteBuffer buf, String origin) {
        byte[] magic = new byte[MAGIC.length];
        buf.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw corrupt(origin, "it is not a snapshot file");
        }
        int format = buf.get();
        if (format != FORMAT) {
            throw corrupt(origin, "its format version " + format + " is not " + FORMAT);
        }
        int flags = buf.get();
        int estabLength = buf.getShort() & 0xffff;
        if (estabLength > buf.remaining()) {
            throw corrupt(origin, "its header is truncated");
        }
        byte[] estab = new byte[estabLength];
        buf.get(estab);
        return new Header(new String(estab, StandardCharsets.UTF_8), buf.getInt(), buf.getLong(), buf.getLong(),
                (flags & DEFLATED) != 0);
    }

    private static Snapshot records(Header header, byte[] body, int from, int to, String origin) {
        Snapshot.Builder builder = Snapshot.builder(header.estab());
        Reader r = new Reader(body, from, to, origin);
        for (int i = 0; i < header.records(); i++) {
            int entity = r.u8();
            int status = r.u8();
            if (entity >= ENTITIES.length || status >= STATUSES.length) {
                throw corrupt(origin, "record " + i + " has an unknown entity or status");
            }
            Fingerprint fingerprint = new Fingerprint(r.i64(), r.i64());
            String sourcedId = new String(r.bytes(), StandardCharsets.UTF_8);
            byte[] json = r.bytes();
            if (!builder.add(RecordVersion.stored(ENTITIES[entity], sourcedId, STATUSES[status], fingerprint, json))) {
                throw corrupt(origin, "record " + i + " repeats " + ENTITIES[entity] + " " + sourcedId);
            }
        }
        if (r.pos != to) {
            throw corrupt(origin, "its body does not end after its " + header.records() + " records");
        }
        Snapshot snapshot = builder.build();
        if (digest(snapshot) != header.digest()) {
            throw corrupt(origin, "its records do not match its digest");
        }
        return snapshot;
    }

    private static byte[] inflate(byte[] file, int offset, int length, int expected, String origin) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(file, offset, length);
            byte[] body = new byte[expected];
            int n = 0;
            while (n < expected) {
                int got = inflater.inflate(body, n, expected - n);
                if (got == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != expected) {
                throw corrupt(origin, "its body inflates to " + n + " bytes, not " + expected);
            }
            return body;
        } catch (DataFormatException e) {
            throw new StateException("snapshot file " + origin + " is corrupt: its body does not inflate", e);
        } finally {
            inflater.end();
        }
    }

    private static int encodedLength(RecordVersion v) {
        int id = utf8Length(v.sourcedId());
        int json = v.json().length; // once: a derived version writes its JSON on every call
        return 2 + 16 + varintLength(id) + id + varintLength(json) + json;
    }

    private static void writeRecord(DataOutputStream out, RecordVersion v) throws IOException {
        out.writeByte(v.entity().ordinal());
        out.writeByte(v.status().ordinal());
        out.writeLong(v.fingerprint().high());
        out.writeLong(v.fingerprint().low());
        byte[] id = v.sourcedId().getBytes(StandardCharsets.UTF_8);
        writeVarint(out, id.length);
        out.write(id);
        byte[] json = v.json();
        writeVarint(out, json.length);
        out.write(json);
    }

    private static void writeVarint(DataOutputStream out, int value) throws IOException {
        while ((value & ~0x7f) != 0) {
            out.writeByte((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    private static int varintLength(int value) {
        int n = 1;
        while ((value & ~0x7f) != 0) {
            n++;
            value >>>= 7;
        }
        return n;
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static StateException corrupt(String origin, String why) {
        return new StateException("snapshot file " + origin + " is corrupt: " + why + "; restore it from a backup, or "
                + "remove the school's state folder so that its next run delivers every record as created");
    }

    /** Bounds-checked reads over the body, so a damaged length fails as corruption, never as an index error. */
    private static final class Reader {
        private final byte[] data;
        private final int end;
        private final String origin;
        private int pos;

        Reader(byte[] data, int from, int to, String origin) {
            this.data = data;
            this.pos = from;
            this.end = to;
            this.origin = origin;
        }

        int u8() {
            need(1);
            return data[pos++] & 0xff;
        }

        long i64() {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (data[pos++] & 0xff);
            }
            return v;
        }

        byte[] bytes() {
            int length = 0;
            for (int shift = 0; ; shift += 7) {
                if (shift > 28) {
                    throw corrupt(origin, "a length is malformed");
                }
                int b = u8();
                length |= (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            need(length);
            byte[] out = Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return out;
        }

        private void need(int n) {
            if (n < 0 || end - pos < n) {
                throw corrupt(origin, "a record runs past the end of the body");
            }
        }
    }
}

package org.rosterbridge.change;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
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
    // eight bytes big-endian in one access, for the fingerprints
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private SnapshotCodec() {
    }

    /** What a file says about itself, readable without reading its records. */
    public record Header(String estab, int records, long bodyLength, long digest, boolean deflated) {
    }

    /**
     * Writes {@code snapshot} to {@code out}; does not close it. Records are encoded by hand into one block buffer
     * that reaches the deflater and the checksum 64 KiB at a time: written field by field through
     * {@code DataOutputStream} the state was a tenth of a first run's CPU. The bytes are those of the stream form.
     */
    public static void write(Snapshot snapshot, OutputStream out, boolean deflate) throws IOException {
        // one pass over the records for what the header states before the body: count, length and digest
        int count = 0;
        long bodyLength = 0;
        long digest = 1;
        for (Entity entity : ENTITIES) {
            int ordinal = entity.ordinal();
            for (RecordVersion v : snapshot.records(entity).values()) {
                count++;
                bodyLength += encodedLength(v);
                digest = digestStep(digest, ordinal, v.fingerprint());
            }
        }
        byte[] estab = snapshot.estab().getBytes(StandardCharsets.UTF_8);
        ByteBuffer header = ByteBuffer.allocate(FIXED_HEADER + estab.length);
        header.put(MAGIC).put((byte) FORMAT).put((byte) (deflate ? DEFLATED : 0)).putShort((short) estab.length)
                .put(estab).putInt(count).putLong(bodyLength).putLong(digest);

        Blocks blocks = new Blocks(out, deflate);
        try {
            blocks.raw(header.array(), 0, header.position());
            for (Entity entity : ENTITIES) {
                for (RecordVersion v : snapshot.records(entity).values()) {
                    blocks.record(v);
                }
            }
            blocks.finish();
        } finally {
            blocks.end();
        }
        byte[] trailer = ByteBuffer.allocate(TRAILER).putInt(blocks.crc()).put(END).array();
        out.write(trailer);
        out.flush();
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
        long h = 1;
        for (Entity entity : ENTITIES) {
            int ordinal = entity.ordinal();
            for (RecordVersion v : snapshot.records(entity).values()) {
                h = digestStep(h, ordinal, v.fingerprint());
            }
        }
        return h;
    }

    // fingerprints are well-mixed hashes already (and cover sourcedId and status), so a polynomial fold will do
    private static long digestStep(long h, int entityOrdinal, Fingerprint fingerprint) {
        h = 31 * h + entityOrdinal;
        h = 31 * h + fingerprint.high();
        return 31 * h + fingerprint.low();
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
        // the digest folds in file order, which is the snapshot's order while entities come in Entity order
        long digest = 1;
        int lastEntity = 0;
        boolean inOrder = true;
        for (int i = 0; i < header.records(); i++) {
            int entity = r.u8();
            int status = r.u8();
            if (entity >= ENTITIES.length || status >= STATUSES.length) {
                throw corrupt(origin, "record " + i + " has an unknown entity or status");
            }
            Fingerprint fingerprint = new Fingerprint(r.i64(), r.i64());
            String sourcedId = r.string();
            byte[] json = r.bytes();
            if (!builder.add(RecordVersion.stored(ENTITIES[entity], sourcedId, STATUSES[status], fingerprint, json))) {
                throw corrupt(origin, "record " + i + " repeats " + ENTITIES[entity] + " " + sourcedId);
            }
            inOrder &= entity >= lastEntity;
            lastEntity = entity;
            digest = digestStep(digest, entity, fingerprint);
        }
        if (r.pos != to) {
            throw corrupt(origin, "its body does not end after its " + header.records() + " records");
        }
        Snapshot snapshot = builder.build();
        if ((inOrder ? digest : digest(snapshot)) != header.digest()) {
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
        int json = v.jsonLength(); // not json(): a derived version would write its JSON for this
        return 2 + 16 + varintLength(id) + id + varintLength(json) + json;
    }

    private static int varintLength(int value) {
        int n = 1;
        while ((value & ~0x7f) != 0) {
            n++;
            value >>>= 7;
        }
        return n;
    }

    /** The length {@link String#getBytes} gives, without its copy for the usual all-ASCII id. */
    private static int utf8Length(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return s.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return s.length();
    }

    private static StateException corrupt(String origin, String why) {
        return new StateException("snapshot file " + origin + " is corrupt: " + why + "; restore it from a backup, or "
                + "remove the school's state folder so that its next run delivers every record as created");
    }

    /**
     * The body on its way out: records encoded into one block buffer, each full block deflated (or not) and then
     * checksummed and written, header first. Deflating block by block gives the same bytes as a
     * {@code DeflaterOutputStream} fed field by field: without a flush, deflate's output depends only on its input.
     */
    private static final class Blocks {
        private static final int SIZE = 1 << 16;
        // the fixed part of a record and its two length prefixes
        private static final int RECORD_HEAD = 2 + 16 + 5;

        private final OutputStream out;
        private final CRC32C crc = new CRC32C();
        private final Deflater deflater;
        private final byte[] block = new byte[SIZE];
        private final byte[] deflated;
        private int pos;

        Blocks(OutputStream out, boolean deflate) {
            this.out = out;
            this.deflater = deflate ? new Deflater(Deflater.BEST_SPEED, true) : null;
            this.deflated = deflate ? new byte[SIZE] : null;
        }

        /** Bytes that bypass the deflater (the header). */
        void raw(byte[] bytes, int offset, int length) throws IOException {
            crc.update(bytes, offset, length);
            out.write(bytes, offset, length);
        }

        void record(RecordVersion v) throws IOException {
            room(RECORD_HEAD);
            byte[] b = block;
            int p = pos;
            b[p++] = (byte) v.entity().ordinal();
            b[p++] = (byte) v.status().ordinal();
            LONGS.set(b, p, v.fingerprint().high());
            LONGS.set(b, p + 8, v.fingerprint().low());
            pos = p + 16;
            sourcedId(v.sourcedId());
            byte[] json = v.json();
            room(5);
            varint(json.length);
            bytes(json, 0, json.length);
        }

        /** The id's UTF-8 bytes behind their length, written straight from its chars when they are all ASCII. */
        private void sourcedId(String id) throws IOException {
            int n = id.length();
            if (n + 5 <= SIZE) {
                room(n + 5);
                int start = pos;
                varint(n);
                byte[] b = block;
                int p = pos;
                int i = 0;
                for (; i < n; i++) {
                    char c = id.charAt(i);
                    if (c >= 0x80) {
                        break;
                    }
                    b[p++] = (byte) c;
                }
                if (i == n) {
                    pos = p;
                    return;
                }
                pos = start;
            }
            byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
            room(5);
            varint(utf8.length);
            bytes(utf8, 0, utf8.length);
        }

        /** An unsigned LEB128 length; the caller has made room for five bytes. */
        private void varint(int value) {
            byte[] b = block;
            int p = pos;
            while ((value & ~0x7f) != 0) {
                b[p++] = (byte) ((value & 0x7f) | 0x80);
                value >>>= 7;
            }
            b[p++] = (byte) value;
            pos = p;
        }

        private void bytes(byte[] src, int offset, int length) throws IOException {
            while (length > 0) {
                if (pos == SIZE) {
                    flush();
                }
                int n = Math.min(length, SIZE - pos);
                System.arraycopy(src, offset, block, pos, n);
                pos += n;
                offset += n;
                length -= n;
            }
        }

        private void room(int n) throws IOException {
            if (SIZE - pos < n) {
                flush();
            }
        }

        private void flush() throws IOException {
            if (deflater == null) {
                raw(block, 0, pos);
            } else {
                deflater.setInput(block, 0, pos);
                while (!deflater.needsInput()) {
                    drain();
                }
            }
            pos = 0;
        }

        private void drain() throws IOException {
            int n = deflater.deflate(deflated, 0, deflated.length);
            if (n > 0) {
                raw(deflated, 0, n);
            }
        }

        void finish() throws IOException {
            flush();
            if (deflater != null) {
                deflater.finish();
                while (!deflater.finished()) {
                    drain();
                }
            }
        }

        int crc() {
            return (int) crc.getValue();
        }

        void end() {
            if (deflater != null) {
                deflater.end();
            }
        }
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
            long v = (long) LONGS.get(data, pos);
            pos += 8;
            return v;
        }

        /** Length-prefixed UTF-8, decoded where it lies in the body. */
        String string() {
            int length = length();
            String s = new String(data, pos, length, StandardCharsets.UTF_8);
            pos += length;
            return s;
        }

        /** Length-prefixed bytes, copied: a version keeps its own JSON, not the whole body alive. */
        byte[] bytes() {
            int length = length();
            byte[] out = Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return out;
        }

        /** A varint length, checked to fit in what is left of the body. */
        private int length() {
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
            return length;
        }

        private void need(int n) {
            if (n < 0 || end - pos < n) {
                throw corrupt(origin, "a record runs past the end of the body");
            }
        }
    }
}

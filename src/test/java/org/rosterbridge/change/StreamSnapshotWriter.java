package org.rosterbridge.change;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.Snapshot;

/**
 * The snapshot writer as it was first shipped, field by field through {@code DataOutputStream}: kept so that tests
 * can pin {@link SnapshotCodec}'s bytes to those of the files already on disk.
 */
final class StreamSnapshotWriter {
    private static final byte[] MAGIC = {'R', 'B', 'S', 'N'};
    private static final byte[] END = {'R', 'B', 'N', 'D'};
    private static final int FORMAT = 1;
    private static final int DEFLATED = 1;
    private static final Entity[] ENTITIES = Entity.values();

    private StreamSnapshotWriter() {
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

    private static long digest(Snapshot snapshot) {
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

    private static int encodedLength(RecordVersion v) {
        int id = utf8Length(v.sourcedId());
        return 2 + 16 + varintLength(id) + id + varintLength(v.json().length) + v.json().length;
    }

    private static void writeRecord(DataOutputStream out, RecordVersion v) throws IOException {
        out.writeByte(v.entity().ordinal());
        out.writeByte(v.status().ordinal());
        out.writeLong(v.fingerprint().high());
        out.writeLong(v.fingerprint().low());
        byte[] id = v.sourcedId().getBytes(StandardCharsets.UTF_8);
        writeVarint(out, id.length);
        out.write(id);
        writeVarint(out, v.json().length);
        out.write(v.json());
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

}

package org.rosterbridge.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rosterbridge.join.RosterJoin;
import org.rosterbridge.model.Entity;
import org.rosterbridge.model.Fingerprint;
import org.rosterbridge.model.RecordVersion;
import org.rosterbridge.model.Snapshot;
import org.rosterbridge.model.Status;
import org.rosterbridge.simulator.GeneratedSnapshots;
import org.rosterbridge.simulator.RecordShape;
import org.rosterbridge.simulator.SimulatedSchool;

class SnapshotCodecTest {
    private static final SimulatedSchool SCHOOL =
            SimulatedSchool.secondary(SchoolData.ESTAB, "codec-rp", "codec-secret", null).withSize(300, 30);

    private static byte[] written(Snapshot snapshot, boolean deflate) {
        return write(out -> SnapshotCodec.write(snapshot, out, deflate));
    }

    private static byte[] writtenAsBefore(Snapshot snapshot, boolean deflate) {
        return write(out -> StreamSnapshotWriter.write(snapshot, out, deflate));
    }

    private static byte[] write(AtomicFiles.Content content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            content.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Snapshot withRows(Snapshot staged) {
        return new RosterJoin().build(staged).staged();
    }

    private static RecordVersion stored(Entity entity, String sourcedId, Status status, byte[] json) {
        return RecordVersion.stored(entity, sourcedId, status, Fingerprint.of(json), json);
    }

    /** Ids and bodies at the edges of the encoding: non-ASCII, longer than a block, empty. */
    private static Snapshot tricky() {
        Snapshot.Builder b = Snapshot.builder("estab-é");
        b.add(stored(Entity.ORGS, "org-1", Status.ACTIVE, "{}".getBytes(StandardCharsets.UTF_8)));
        b.add(stored(Entity.USERS, "zoë-brontë", Status.ACTIVE,
                "{\"givenName\":\"Zoë\",\"familyName\":\"Brontë\"}".getBytes(StandardCharsets.UTF_8)));
        b.add(stored(Entity.USERS, "日本-🙂", Status.TOBEDELETED, "{\"x\":\"🙂\"}".getBytes(StandardCharsets.UTF_8)));
        b.add(stored(Entity.USERS, "a".repeat(70_000), Status.ACTIVE, new byte[0]));
        b.add(stored(Entity.USERS, "é".repeat(40_000), Status.ACTIVE, new byte[1]));
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i * 7 % 26);
        }
        b.add(stored(Entity.CLASSES, "big", Status.ACTIVE, big));
        for (int i = 0; i < 5_000; i++) {
            // lengths that cross a block boundary at every offset, some needing two-byte varints
            b.add(stored(Entity.ENROLLMENTS, "e" + i, Status.values()[i % 2], new byte[i % 300]));
        }
        return b.build();
    }

    private static List<Snapshot> schools;

    /** Generated schools (day one, day two, the standard shape), an empty one and the tricky one; built once. */
    private static synchronized List<Snapshot> schools() {
        if (schools == null) {
            schools = List.of(withRows(GeneratedSnapshots.dayOne(SCHOOL)), withRows(GeneratedSnapshots.dayTwo(SCHOOL)),
                    withRows(GeneratedSnapshots.dayOne(SCHOOL.withShape(RecordShape.STANDARD).withSeed(11))),
                    Snapshot.empty(SchoolData.ESTAB), tricky());
        }
        return schools;
    }

    @ParameterizedTest(name = "deflated: {0}")
    @ValueSource(booleans = {false, true})
    void writesTheSameBytesAsTheFirstShippedWriter(boolean deflate) {
        for (Snapshot s : schools()) {
            byte[] before = writtenAsBefore(s, deflate);
            byte[] now = written(s, deflate);
            assertThat(now.length).as(s.estab()).isEqualTo(before.length);
            assertThat(Arrays.equals(now, before)).as(s.estab()).isTrue();
        }
    }

    @ParameterizedTest(name = "deflated: {0}")
    @ValueSource(booleans = {false, true})
    void filesWrittenByTheFirstShippedWriterReadBackRecordForRecord(boolean deflate) {
        for (Snapshot s : schools()) {
            Snapshot read = SnapshotCodec.read(writtenAsBefore(s, deflate), "old.snap");
            assertThat(read.estab()).isEqualTo(s.estab());
            for (Entity entity : Entity.values()) {
                List<RecordVersion> expected = new ArrayList<>(s.records(entity).values());
                List<RecordVersion> actual = new ArrayList<>(read.records(entity).values());
                assertThat(actual).hasSameSizeAs(expected);
                for (int i = 0; i < expected.size(); i++) {
                    RecordVersion e = expected.get(i);
                    RecordVersion a = actual.get(i);
                    assertThat(a.sourcedId()).isEqualTo(e.sourcedId());
                    assertThat(a.status()).isEqualTo(e.status());
                    assertThat(a.fingerprint()).isEqualTo(e.fingerprint());
                    assertThat(a.json()).isEqualTo(e.json());
                }
            }
            assertThat(SnapshotCodec.digest(read)).isEqualTo(SnapshotCodec.digest(s));
        }
    }

    /** A file written today, pinned as hex: what it means must never change. */
    @Test
    void aSmallFileOfFormatOneKeepsItsBytes() {
        Snapshot.Builder b = Snapshot.builder("42");
        b.add(RecordVersion.stored(Entity.USERS, "u1", Status.TOBEDELETED, new Fingerprint(1, 2),
                "{}".getBytes(StandardCharsets.UTF_8)));
        byte[] file = written(b.build(), false);
        assertThat(HexFormat.of().formatHex(file)).isEqualTo("5242534e" + "01" + "00" + "0002" + "3432"
                + "00000001" + "0000000000000018" + digestHex(new Fingerprint(1, 2)) + "04" + "01"
                + "0000000000000001" + "0000000000000002" + "02" + "7531" + "02" + "7b7d"
                + crcHex(file) + "52424e44");
    }

    private static String digestHex(Fingerprint f) {
        long h = 31 * (31 * (31 * 1L + Entity.USERS.ordinal()) + f.high()) + f.low();
        return HexFormat.of().formatHex(ByteBuffer.allocate(8).putLong(h).array());
    }

    private static String crcHex(byte[] file) {
        CRC32C crc = new CRC32C();
        crc.update(file, 0, file.length - 8);
        return HexFormat.of().formatHex(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @ParameterizedTest(name = "deflated: {0}")
    @ValueSource(booleans = {false, true})
    void everyCutOfAFileIsRejectedAsCorrupt(boolean deflate) {
        byte[] file = written(tricky(), deflate);
        for (int length = 0; length < file.length; length += 997) {
            byte[] cut = Arrays.copyOf(file, length);
            assertThatThrownBy(() -> SnapshotCodec.read(cut, "cut.snap")).isInstanceOf(StateException.class)
                    .hasMessageContaining("cut.snap is corrupt: it is truncated");
        }
    }

    @Test
    void aBodyThatDoesNotMatchItsDigestIsRejectedEvenWithARightChecksum() {
        byte[] file = written(tricky(), false);
        int digestAt = 4 + 2 + 2 + "estab-é".getBytes(StandardCharsets.UTF_8).length + 4 + 8;
        file[digestAt + 7] ^= 1;
        rechecksum(file);

        assertThatThrownBy(() -> SnapshotCodec.read(file, "x.snap")).isInstanceOf(StateException.class)
                .hasMessageContaining("its records do not match its digest");
    }

    @Test
    void aRecordCountTheBodyCannotHoldIsRejectedEvenWithARightChecksum() {
        byte[] file = written(tricky(), false);
        int countAt = 4 + 2 + 2 + "estab-é".getBytes(StandardCharsets.UTF_8).length;
        file[countAt + 3] += 1;
        rechecksum(file);

        assertThatThrownBy(() -> SnapshotCodec.read(file, "x.snap")).isInstanceOf(StateException.class)
                .hasMessageContaining("a record runs past the end of the body");
    }

    private static void rechecksum(byte[] file) {
        CRC32C crc = new CRC32C();
        crc.update(file, 0, file.length - 8);
        ByteBuffer.wrap(file).putInt(file.length - 8, (int) crc.getValue());
    }
}

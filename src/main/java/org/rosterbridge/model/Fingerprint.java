package org.rosterbridge.model;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A 128-bit content hash of a record's canonical JSON, leaving out {@code dateLastModified}: Xporter's timestamp is
 * a hint, so a record whose content is unchanged but whose timestamp moved is not an update.
 */
public record Fingerprint(long high, long low) {

    private static final byte[] DLM_KEY = "\"dateLastModified\":\"".getBytes(StandardCharsets.US_ASCII);

    /** Fingerprint of canonical JSON as written by {@link CanonicalJson}. */
    public static Fingerprint of(byte[] canonicalJson) {
        int skipFrom = indexOf(canonicalJson, DLM_KEY);
        int skipTo = skipFrom;
        if (skipFrom >= 0) {
            // the value is an ISO instant: no escapes, so the next quote closes it
            int end = skipFrom + DLM_KEY.length;
            while (end < canonicalJson.length && canonicalJson[end] != '"') {
                end++;
            }
            skipTo = Math.min(canonicalJson.length, end + 1);
        } else {
            skipFrom = canonicalJson.length;
            skipTo = canonicalJson.length;
        }
        Murmur3 h = new Murmur3();
        h.update(canonicalJson, 0, skipFrom);
        h.update(canonicalJson, skipTo, canonicalJson.length - skipTo);
        return h.finish();
    }

    public static Fingerprint parse(String hex) {
        if (hex.length() != 32) {
            throw new IllegalArgumentException("fingerprint must be 32 hex digits");
        }
        return new Fingerprint(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16));
    }

    public String hex() {
        return String.format("%016x%016x", high, low);
    }

    @Override
    public String toString() {
        return hex();
    }

    // The dateLastModified key sits near the start of every canonical record (third property), so this scan is short.
    private static int indexOf(byte[] data, byte[] key) {
        outer:
        for (int i = 0, n = Math.min(data.length - key.length, 256); i <= n; i++) {
            for (int j = 0; j < key.length; j++) {
                if (data[i + j] != key[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * MurmurHash3 x64 128-bit over a byte stream that may arrive in two pieces. A non-cryptographic hash is enough:
     * it only ever compares two versions of the same record, and it costs a fraction of SHA-256.
     */
    private static final class Murmur3 {
        private static final long C1 = 0x87c37b91114253d5L;
        private static final long C2 = 0x4cf5ad432745937fL;
        private static final VarHandle LITTLE_ENDIAN_LONGS =
                MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private long h1;
        private long h2;
        private final byte[] tail = new byte[16];
        private int tailLength;
        private long total;

        void update(byte[] data, int offset, int length) {
            total += length;
            int i = offset;
            int end = offset + length;
            if (tailLength > 0) {
                while (tailLength < 16 && i < end) {
                    tail[tailLength++] = data[i++];
                }
                if (tailLength < 16) {
                    return;
                }
                block(getLong(tail, 0), getLong(tail, 8));
                tailLength = 0;
            }
            for (; i + 16 <= end; i += 16) {
                block(getLong(data, i), getLong(data, i + 8));
            }
            while (i < end) {
                tail[tailLength++] = data[i++];
            }
        }

        private void block(long k1, long k2) {
            k1 *= C1;
            k1 = Long.rotateLeft(k1, 31);
            k1 *= C2;
            h1 ^= k1;
            h1 = Long.rotateLeft(h1, 27);
            h1 += h2;
            h1 = h1 * 5 + 0x52dce729;
            k2 *= C2;
            k2 = Long.rotateLeft(k2, 33);
            k2 *= C1;
            h2 ^= k2;
            h2 = Long.rotateLeft(h2, 31);
            h2 += h1;
            h2 = h2 * 5 + 0x38495ab5;
        }

        Fingerprint finish() {
            long k1 = 0;
            long k2 = 0;
            for (int i = tailLength - 1; i >= 8; i--) {
                k2 ^= (tail[i] & 0xffL) << ((i - 8) * 8);
            }
            for (int i = Math.min(tailLength, 8) - 1; i >= 0; i--) {
                k1 ^= (tail[i] & 0xffL) << (i * 8);
            }
            if (tailLength > 8) {
                k2 *= C2;
                k2 = Long.rotateLeft(k2, 33);
                k2 *= C1;
                h2 ^= k2;
            }
            if (tailLength > 0) {
                k1 *= C1;
                k1 = Long.rotateLeft(k1, 31);
                k1 *= C2;
                h1 ^= k1;
            }
            h1 ^= total;
            h2 ^= total;
            h1 += h2;
            h2 += h1;
            h1 = fmix(h1);
            h2 = fmix(h2);
            h1 += h2;
            h2 += h1;
            return new Fingerprint(h1, h2);
        }

        private static long fmix(long k) {
            k ^= k >>> 33;
            k *= 0xff51afd7ed558ccdL;
            k ^= k >>> 33;
            k *= 0xc4ceb9fe1a85ec53L;
            k ^= k >>> 33;
            return k;
        }

        /** Eight bytes, little-endian, in one read: byte by byte this was the larger part of the hash's cost. */
        private static long getLong(byte[] b, int i) {
            return (long) LITTLE_ENDIAN_LONGS.get(b, i);
        }
    }
}

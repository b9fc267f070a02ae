package org.rosterbridge.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * One school the stand-in serves: its credentials (the simulator's own demo secrets), its size and the record shape
 * it answers in. The seed decides every generated value, so the same school always has the same data.
 *
 * @param estab          7-digit establishment number (LA code + DfE number)
 * @param rp             the relying party allowed to read it
 * @param secret         the shared secret of (rp, estab); the simulator's own, never a real one
 * @param name           the school's name
 * @param pupils         pupils on roll
 * @param staff          staff (about one in ten an administrator, the rest teachers)
 * @param shape          how records are written
 * @param seed           the generator's seed
 * @param localAuthority whether the school's local authority is served as its parent org
 */
public record SimulatedSchool(String estab, String rp, String secret, String name, int pupils, int staff,
                              RecordShape shape, long seed, boolean localAuthority) {

    public static final int DEFAULT_PUPILS = 1500;
    public static final int DEFAULT_STAFF = 150;

    public SimulatedSchool {
        Objects.requireNonNull(estab, "estab");
        Objects.requireNonNull(rp, "rp");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(shape, "shape");
        if (!estab.matches("\\d{7}")) {
            throw new IllegalArgumentException("estab must be 7 digits, not '" + estab + "'");
        }
        if (pupils < 0 || staff < 1) {
            throw new IllegalArgumentException("a school needs pupils >= 0 and staff >= 1");
        }
        name = name == null || name.isBlank() ? "School " + estab : name;
    }

    /** A UK secondary with a sixth form of the default size, in Xporter's shape, seeded by its estab. */
    public static SimulatedSchool secondary(String estab, String rp, String secret, String name) {
        return new SimulatedSchool(estab, rp, secret, name, DEFAULT_PUPILS, DEFAULT_STAFF, RecordShape.XPORTER,
                Long.parseLong(estab), true);
    }

    /**
     * {@code count} schools of one partner, estabs counting up from 3281110, each with its own demo secret derived
     * from the seed (so a simulator restarted with the same seed accepts the same secrets).
     */
    public static List<SimulatedSchool> numbered(int count, String rp, int pupils, int staff, long seed) {
        List<SimulatedSchool> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String estab = String.valueOf(3_281_110 + i);
            String name = NAMES[i % NAMES.length] + (i < NAMES.length ? "" : " " + (i / NAMES.length + 1));
            long schoolSeed = seed * 31 + Long.parseLong(estab);
            String secret = "demo-" + Long.toHexString(new SplittableRandom(schoolSeed).nextLong() & Long.MAX_VALUE);
            out.add(new SimulatedSchool(estab, rp, secret, name, pupils, staff, RecordShape.XPORTER, schoolSeed,
                    true));
        }
        return out;
    }

    private static final String[] NAMES = {"Northfield Academy", "Southgate School", "St Aidan's Catholic College",
        "Ysgol Bro Dinefwr", "Riverside Community High", "Kingsmead Academy", "Ashworth Grammar School",
        "Holy Trinity CE School", "Westmere Free School", "Oakfield Park School"};

    public SimulatedSchool withSize(int pupils, int staff) {
        return new SimulatedSchool(estab, rp, secret, name, pupils, staff, shape, seed, localAuthority);
    }

    public SimulatedSchool withShape(RecordShape shape) {
        return new SimulatedSchool(estab, rp, secret, name, pupils, staff, shape, seed, localAuthority);
    }

    public SimulatedSchool withSeed(long seed) {
        return new SimulatedSchool(estab, rp, secret, name, pupils, staff, shape, seed, localAuthority);
    }

    public SimulatedSchool withSecret(String secret) {
        return new SimulatedSchool(estab, rp, secret, name, pupils, staff, shape, seed, localAuthority);
    }

    public SimulatedSchool withLocalAuthority(boolean localAuthority) {
        return new SimulatedSchool(estab, rp, secret, name, pupils, staff, shape, seed, localAuthority);
    }

    /** The secret stays out of logs and test reports even here. */
    @Override
    public String toString() {
        return name + " (estab " + estab + ", rp " + rp + ", " + pupils + " pupils, " + shape + ")";
    }
}

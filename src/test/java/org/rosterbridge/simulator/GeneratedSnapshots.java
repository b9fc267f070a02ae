package org.rosterbridge.simulator;

import org.rosterbridge.model.Snapshot;

/** The simulator's generated schools staged as the gateway stages them, for tests outside this package. */
public final class GeneratedSnapshots {
    private GeneratedSnapshots() {
    }

    /** The school as the simulator serves it on day one. */
    public static Snapshot dayOne(SimulatedSchool school) {
        return SimulatedRecords.snapshot(new ServedSchool(school));
    }

    /** The same school after the day-two script. */
    public static Snapshot dayTwo(SimulatedSchool school) {
        ServedSchool served = new ServedSchool(school);
        served.applyDayTwo();
        return SimulatedRecords.snapshot(served);
    }
}

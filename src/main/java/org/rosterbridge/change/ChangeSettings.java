package org.rosterbridge.change;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.rosterbridge.config.ConfigurationException;
import org.rosterbridge.config.Settings;

/**
 * Where the committed state lives and how the mass-change guard decides.
 *
 * @param stateDir            {@code gateway.state-dir}: committed snapshots, positions, holds and approvals
 *                            (default {@code data/state})
 * @param massChangeThreshold {@code gateway.mass-change-threshold}: the share of a school's active records a run
 *                            may delete (or its active count may shrink by) before it is held (default 0.30)
 * @param approvedAhead       {@code gateway.approve-mass-changes}: estabs whose mass changes pass without a hold,
 *                            comma-separated; {@code *} for every school (default none)
 */
public record ChangeSettings(Path stateDir, double massChangeThreshold, Set<String> approvedAhead) {
    public static final String STATE_DIR = "gateway.state-dir";
    public static final String MASS_CHANGE_THRESHOLD = "gateway.mass-change-threshold";
    public static final String APPROVE_MASS_CHANGES = "gateway.approve-mass-changes";

    public static final String DEFAULT_STATE_DIR = "data/state";
    public static final double DEFAULT_THRESHOLD = 0.30;
    /** In {@link #approvedAhead}: every school. */
    public static final String EVERY_SCHOOL = "*";

    public ChangeSettings {
        if (!(massChangeThreshold >= 0 && massChangeThreshold <= 1)) {
            throw new ConfigurationException(MASS_CHANGE_THRESHOLD, "must be a share between 0 and 1, not "
                    + massChangeThreshold);
        }
        approvedAhead = Set.copyOf(approvedAhead);
    }

    public static ChangeSettings from(Settings settings) {
        String approved = settings.string(APPROVE_MASS_CHANGES, "");
        return new ChangeSettings(
                settings.path(STATE_DIR, DEFAULT_STATE_DIR),
                settings.decimal(MASS_CHANGE_THRESHOLD, DEFAULT_THRESHOLD, 0, 1),
                Arrays.stream(approved.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .collect(Collectors.toSet()));
    }

    public static ChangeSettings defaults() {
        return from(Settings.of(java.util.Map.of()));
    }

    /** True when {@code gateway.approve-mass-changes} lets this school's mass changes through. */
    public boolean approvedAhead(String estab) {
        return approvedAhead.contains(EVERY_SCHOOL) || approvedAhead.contains(estab);
    }
}

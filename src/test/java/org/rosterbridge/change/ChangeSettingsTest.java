package org.rosterbridge.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rosterbridge.config.ConfigurationException;
import org.rosterbridge.config.Settings;

class ChangeSettingsTest {

    @Test
    void defaultsKeepStateUnderDataStateAndHoldAboveThirtyPercent() {
        ChangeSettings settings = ChangeSettings.defaults();

        assertThat(settings.stateDir()).isEqualTo(Path.of("data/state"));
        assertThat(settings.massChangeThreshold()).isEqualTo(0.30);
        assertThat(settings.approvedAhead()).isEmpty();
        assertThat(settings.approvedAhead("3281110")).isFalse();
    }

    @Test
    void readsItsKeys() {
        ChangeSettings settings = ChangeSettings.from(Settings.of(Map.of(
                "gateway.state-dir", "/var/lib/rosterbridge",
                "gateway.mass-change-threshold", "0.5",
                "gateway.approve-mass-changes", " 3281110, 3281102 ,")));

        assertThat(settings.stateDir()).isEqualTo(Path.of("/var/lib/rosterbridge"));
        assertThat(settings.massChangeThreshold()).isEqualTo(0.5);
        assertThat(settings.approvedAhead("3281102")).isTrue();
        assertThat(settings.approvedAhead("3281110")).isTrue();
        assertThat(settings.approvedAhead("3281103")).isFalse();
    }

    @Test
    void aStarApprovesEverySchoolAhead() {
        ChangeSettings settings = ChangeSettings.from(Settings.of(Map.of("gateway.approve-mass-changes", "*")));

        assertThat(settings.approvedAhead("3281103")).isTrue();
    }

    @Test
    void aThresholdOutsideZeroToOneFailsNamingTheKeyAndItsVariable() {
        assertThatThrownBy(() -> ChangeSettings.from(Settings.of(Map.of("gateway.mass-change-threshold", "30"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("gateway.mass-change-threshold")
                .hasMessageContaining("GATEWAY_MASS_CHANGE_THRESHOLD");
        assertThatThrownBy(() -> ChangeSettings.from(Settings.of(Map.of("gateway.mass-change-threshold", "lots"))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("gateway.mass-change-threshold");
    }
}

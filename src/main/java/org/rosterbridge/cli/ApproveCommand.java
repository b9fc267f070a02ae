package org.rosterbridge.cli;

import java.util.concurrent.Callable;
import org.rosterbridge.change.ChangeSettings;
import org.rosterbridge.change.FileSnapshotStore;
import org.rosterbridge.change.MassChangeGuard;
import org.rosterbridge.config.ConfigurationException;
import org.rosterbridge.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code approve ESTAB}: release a school held by the mass-change guard, for its next run only. */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = "Release a school held by the mass-change guard: its next run may publish the mass "
                + "change once. Without a pending hold the approval still applies to the next run.")
final class ApproveCommand implements Callable<Integer> {
    @Mixin
    GatewayOptions options;

    @Parameters(paramLabel = "ESTAB", description = "The school's 7-digit establishment number.")
    String estab;

    @Override
    public Integer call() {
        try {
            ChangeSettings settings = ChangeSettings.from(Settings.standalone(options.overrides()));
            MassChangeGuard guard = new MassChangeGuard(settings, new FileSnapshotStore(settings.stateDir()));
            String who = System.getProperty("user.name", "operator");
            var hold = guard.approve(estab, who);
            if (hold.isPresent()) {
                System.out.println("approved: estab " + estab + " was held since " + hold.get().heldAt() + " ("
                        + hold.get().reason() + "); its next run publishes the change once.");
            } else {
                System.out.println("approved: estab " + estab + " has no pending hold; its next run may publish "
                        + "a mass change once.");
            }
            return RosterbridgeCommand.OK;
        } catch (ConfigurationException e) {
            System.err.println("configuration error: " + e.getMessage());
            return RosterbridgeCommand.CONFIGURATION;
        }
    }
}

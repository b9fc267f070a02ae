package org.rosterbridge.cli;

import java.util.concurrent.Callable;
import org.rosterbridge.config.ConfigurationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code demo}: the whole gateway against a simulated school, with nothing to install but Java. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start a simulated Xporter school, sync it, apply a scripted day of changes, sync again, and "
                + "show what happened and where to look. Needs nothing but Java.")
final class DemoCommand implements Callable<Integer> {
    @Mixin
    GatewayOptions options;

    @Option(names = "--pupils", defaultValue = "1500", description = "Pupils at the demo school (default: ${DEFAULT-VALUE}).")
    int pupils;

    @Override
    public Integer call() {
        try (Demo demo = new Demo(System.out, Demo.workDir(), options.overrides())) {
            demo.startSimulator(pupils);
            demo.startSftp();
            demo.startGateway();
            demo.sync("3. First sync");
            demo.applyDayTwo();
            demo.sync("5. Second sync");
            demo.whereToLook();
            return RosterbridgeCommand.OK;
        } catch (ConfigurationException e) {
            System.err.println("configuration error: " + e.getMessage());
            return RosterbridgeCommand.CONFIGURATION;
        } catch (IllegalStateException e) {
            System.err.println("demo failed: " + e.getMessage());
            return RosterbridgeCommand.FAILED;
        }
    }
}

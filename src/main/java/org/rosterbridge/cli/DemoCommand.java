package org.rosterbridge.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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

    @Option(names = "--keep-running", description = "Keep the simulated Xporter, the Kafka broker and the SFTP "
            + "server up after the demo until Ctrl-C, to read the topics and fetch the bundles yourself.")
    boolean keepRunning;

    @Override
    public Integer call() {
        try (Demo demo = new Demo(System.out, Demo.workDir(), options.overrides())) {
            demo.startSimulator(pupils);
            demo.startKafka();
            demo.startSftp();
            demo.startGateway();
            demo.sync("3. First sync");
            demo.applyDayTwo();
            demo.sync("5. Second sync");
            demo.events();
            demo.whereToLook();
            demo.lifetime(keepRunning);
            if (keepRunning) {
                untilInterrupted(demo);
            }
            return RosterbridgeCommand.OK;
        } catch (ConfigurationException e) {
            System.err.println("configuration error: " + e.getMessage());
            return RosterbridgeCommand.CONFIGURATION;
        } catch (IllegalStateException e) {
            System.err.println("demo failed: " + e.getMessage());
            return RosterbridgeCommand.FAILED;
        }
    }

    /** Ctrl-C runs the shutdown hooks only, so the demo's servers are closed by one of them. */
    private static void untilInterrupted(Demo demo) {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            demo.close();
            stopped.countDown();
        }, "demo-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

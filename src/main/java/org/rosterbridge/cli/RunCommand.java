package org.rosterbridge.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.rosterbridge.Gateway;
import org.rosterbridge.config.ConfigurationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code run}: the long-running service, syncing every school on an interval until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run as a service: sync every configured school now and then every gateway.sync-interval "
                + "(default 1h) until stopped (SIGTERM or Ctrl-C finish the runs in flight first).")
final class RunCommand implements Callable<Integer> {
    @Mixin
    GatewayOptions options;

    @Override
    public Integer call() throws InterruptedException {
        Map<String, String> overrides = new LinkedHashMap<>(options.overrides());
        overrides.put("gateway.schedule-enabled", "true");
        Gateway gateway;
        try {
            gateway = Gateway.start(overrides);
        } catch (ConfigurationException e) {
            System.err.println("configuration error: " + e.getMessage());
            return RosterbridgeCommand.CONFIGURATION;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "rosterbridge-shutdown"));
        System.err.println("rosterbridge: running; syncing " + gateway.schools().size() + " schools every "
                + gateway.settings().string("gateway.sync-interval", "1h"));
        stopped.await();
        return RosterbridgeCommand.OK;
    }
}

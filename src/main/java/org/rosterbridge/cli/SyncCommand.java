package org.rosterbridge.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.rosterbridge.Gateway;
import org.rosterbridge.config.ConfigurationException;
import org.rosterbridge.sync.RunOutcome;
import org.rosterbridge.sync.RunReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code sync}: one sync of every configured school, then exit. */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Sync every configured school once and exit: 0 when all completed, 1 when any failed, "
                + "2 on a configuration error, 3 when any was held by the mass-change guard.")
final class SyncCommand implements Callable<Integer> {
    @Mixin
    GatewayOptions options;

    @Override
    public Integer call() {
        try (Gateway gateway = Gateway.start(options.overrides())) {
            if (gateway.schools().isEmpty()) {
                throw new ConfigurationException("xporter.estab", "is not set and no xporter.schools-file is "
                        + "given: set XPORTER_RP, XPORTER_ESTAB and XPORTER_SECRET, or XPORTER_SCHOOLS_FILE");
            }
            List<RunReport> reports = gateway.sync();
            for (RunReport r : reports) {
                if (r.outcome() == RunOutcome.COMPLETED) {
                    System.out.println(RunReports.line(r));
                    if (reports.size() == 1) {
                        RunReports.extraction(r, System.out);
                    }
                } else {
                    System.err.println(RunReports.line(r));
                }
            }
            return RunReports.exitCode(reports);
        } catch (ConfigurationException e) {
            System.err.println("configuration error: " + e.getMessage());
            return RosterbridgeCommand.CONFIGURATION;
        }
    }
}

package org.rosterbridge.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The option every command that starts the gateway takes: settings given on the command line. */
final class GatewayOptions {
    @Option(names = {"-D", "--set"}, paramLabel = "KEY=VALUE",
            description = "A setting for this command only, over application.properties and the environment "
                    + "(e.g. -D xporter.page-size=500).")
    Map<String, String> properties = new LinkedHashMap<>();

    Map<String, String> overrides() {
        return properties;
    }
}

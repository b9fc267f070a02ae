package org.rosterbridge.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rosterbridge.config.ConfigurationException;
import org.rosterbridge.config.Settings;
import org.rosterbridge.sink.csv.BundleValidator;
import org.rosterbridge.sink.csv.CsvMapping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code validate FILE.zip}: the checks every bundle passes before delivery, on any OneRoster v1.1 CSV zip. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a OneRoster v1.1 CSV zip as the gateway checks each bundle before it delivers it: "
                + "headers, required values, enumerations, formats, unique ids, references, manifest, bulk and "
                + "delta rules. Prints every problem; exit 0 when there is none, 1 otherwise.")
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    GatewayOptions options;

    @Parameters(paramLabel = "FILE.zip", description = "The bundle to check.")
    Path file;

    @Override
    public Integer call() {
        if (!Files.isReadable(file)) {
            System.err.println(file + ": cannot be read");
            return RosterbridgeCommand.FAILED;
        }
        CsvMapping mapping;
        try {
            mapping = CsvMapping.load(Settings.standalone(options.overrides()).string("csv.mapping",
                    CsvMapping.STANDARD));
        } catch (ConfigurationException e) {
            System.err.println("configuration error: " + e.getMessage());
            return RosterbridgeCommand.CONFIGURATION;
        }
        List<BundleValidator.Problem> problems = new BundleValidator(mapping).validate(file);
        problems.forEach(p -> System.out.println(p));
        System.out.println(file + ": " + (problems.isEmpty() ? "valid OneRoster v1.1 CSV bundle"
                : problems.size() + " problem" + (problems.size() == 1 ? "" : "s")));
        return problems.isEmpty() ? RosterbridgeCommand.OK : RosterbridgeCommand.FAILED;
    }
}

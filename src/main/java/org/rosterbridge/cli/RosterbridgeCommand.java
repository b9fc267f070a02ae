package org.rosterbridge.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/rosterbridge}: the gateway's command line. */
@Command(name = "rosterbridge", mixinStandardHelpOptions = true, versionProvider = RosterbridgeCommand.Version.class,
        description = "Groupcall Xporter (OneRoster v1.1) to Kafka change events and OneRoster CSV over SFTP.",
        subcommands = {DemoCommand.class, SyncCommand.class, RunCommand.class, CheckCommand.class,
            ValidateCommand.class, ApproveCommand.class, SimulatorCommand.class})
public final class RosterbridgeCommand implements Callable<Integer> {

    /** Exit codes every command uses. */
    static final int OK = 0;
    static final int FAILED = 1;
    static final int CONFIGURATION = 2;
    static final int HELD = 3;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@code main} runs it. */
    static CommandLine commandLine() {
        return new CommandLine(new RosterbridgeCommand()).setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(RosterbridgeCommand::unexpected);
    }

    /**
     * A failure no command turned into its own message (a route that cannot be created, say): one line on
     * stderr instead of a stack trace; a gateway that cannot start is misconfigured.
     */
    private static int unexpected(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        boolean startup = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            startup |= t instanceof org.apache.camel.FailedToCreateRouteException
                    || t instanceof org.apache.camel.FailedToStartRouteException;
        }
        System.err.println(command.getCommandName() + ": " + CheckCommand.rootMessage(e));
        return startup ? CONFIGURATION : FAILED;
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return OK;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RosterbridgeCommand.class.getPackage().getImplementationVersion();
            return new String[] {"rosterbridge " + (v == null ? "(development build)" : v)};
        }
    }
}

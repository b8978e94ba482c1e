package dev.mediawatch.cli;

import dev.mediawatch.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code mediawatch} executable: subcommands, and exit codes 0 success, 1 failure, 2 bad usage or config. */
@Command(name = "mediawatch", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Streaming media monitoring on Apache Kafka.",
        subcommands = {RunCommand.class, DemoCommand.class, TailCommand.class, DeliveriesCommand.class,
                TopicsCommand.class, FeedsCommand.class, EntitiesCommand.class, SubscriptionsCommand.class,
                ExtractCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("mediawatch: " + e.getMessage());
                return USAGE;
            }
            cmd.getErr().println("mediawatch: " + e.getMessage());
            return FAILURE;
        });
        return cli.execute(args);
    }

    /** The version from the jar's manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"mediawatch " + (v == null ? "dev" : v)};
        }
    }
}

package dev.mediawatch.cli;

import dev.mediawatch.config.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Base of the {@code feeds} commands that talk to a running cluster: {@code --bootstrap-servers},
 * output through picocli's writers, and exit codes: 0 done, 1 the cluster failed us, 2 bad input.
 */
abstract class RegistryCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Option(names = "--timeout", paramLabel = "DURATION", hidden = true,
            description = "How long to wait for the cluster (default 20s).")
    String timeout;

    @Override
    public final Integer call() throws Exception {
        Duration wait;
        try {
            wait = timeout == null ? RegistryAccess.DEFAULT_TIMEOUT : Durations.parse(timeout);
        } catch (IllegalArgumentException e) {
            err().println("mediawatch: --timeout: " + e.getMessage());
            err().flush();
            return Main.USAGE;
        }
        try (RegistryAccess registry = new RegistryAccess(kafka.resolve(), wait)) {
            return run(registry);
        } catch (RegistryAccess.RegistryException e) {
            err().println("mediawatch: " + e.getMessage());
            err().flush();
            return Main.FAILURE;
        } catch (IllegalArgumentException e) {
            err().println("mediawatch: " + e.getMessage());
            err().flush();
            return Main.USAGE;
        }
    }

    abstract int run(RegistryAccess registry) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}

package dev.mediawatch.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Override
    public final Integer call() throws Exception {
        try (RegistryAccess registry = new RegistryAccess(kafka.resolve())) {
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

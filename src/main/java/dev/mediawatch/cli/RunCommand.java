package dev.mediawatch.cli;

import dev.mediawatch.app.MediawatchService;
import dev.mediawatch.app.Role;
import dev.mediawatch.config.MediawatchConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mediawatch run}: the service, until it is stopped (Ctrl-C or SIGTERM). */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run mediawatch: poll feeds, process the stream, deliver alerts.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "YAML config (default: the bundled one).")
    Path config;

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS",
            description = "Use this Kafka cluster instead of the embedded broker.")
    String bootstrapServers;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data",
            description = "Embedded broker storage and Streams state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--http-port", paramLabel = "N", description = "HTTP port for health, metrics and the API.")
    Integer httpPort;

    @Option(names = "--roles", paramLabel = "ROLES", defaultValue = "poll,stream,deliver",
            description = "Roles to run, comma-separated (default: ${DEFAULT-VALUE}).")
    String roles;

    @Override
    public Integer call() throws Exception {
        MediawatchConfig cfg = ConfigResolver.resolve(config, bootstrapServers, httpPort);
        MediawatchService service = MediawatchService.start(cfg,
                MediawatchService.Options.of(dataDir, Role.parse(roles), System.out));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, "mediawatch-shutdown"));
        stopped.await();
        return Main.OK;
    }
}

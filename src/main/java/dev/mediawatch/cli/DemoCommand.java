package dev.mediawatch.cli;

import dev.mediawatch.app.MediawatchService;
import dev.mediawatch.app.Role;
import dev.mediawatch.config.ConfigLoader;
import dev.mediawatch.config.Durations;
import dev.mediawatch.config.MediawatchConfig;
import dev.mediawatch.demo.DemoSite;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mediawatch demo}: the whole pipeline offline. Bundled sample feeds and pages are served on
 * loopback, the embedded broker runs on a free port with fresh storage, and alerts print as they arrive.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the whole pipeline offline on bundled sample feeds, printing alerts.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--exit-after", paramLabel = "DURATION", description = "Stop after this long, e.g. 60s (default: run until Ctrl-C).")
    String exitAfter;

    @Option(names = "--http-port", paramLabel = "N", defaultValue = "0", description = "HTTP port (default: any free port).")
    int httpPort;

    @Override
    public Integer call() throws Exception {
        Duration limit = exitAfter == null ? null : Durations.parse(exitAfter);
        Path work = Files.createTempDirectory("mediawatch-demo");
        try (DemoSite site = DemoSite.start(0)) {
            site.releaseGradually(Duration.ofSeconds(4));
            MediawatchConfig cfg = ConfigLoader.load(writeConfig(work, site))
                    .withKafka(new MediawatchConfig.KafkaSettings("", 0));
            cfg = cfg.withHttp(new MediawatchConfig.HttpSettings("127.0.0.1", httpPort));
            System.err.println("mediawatch demo: sample feeds on " + site.baseUri() + ", starting the pipeline...");
            try (MediawatchService service = MediawatchService.start(cfg,
                    MediawatchService.Options.of(work.resolve("data"), EnumSet.allOf(Role.class), System.out))) {
                System.err.println("mediawatch demo: Kafka at " + service.bootstrapServers()
                        + " (try: mediawatch tail --from-beginning --bootstrap-servers " + service.bootstrapServers()
                        + "); alerts follow.");
                waitFor(limit);
            }
        }
        return Main.OK;
    }

    private static Path writeConfig(Path dir, DemoSite site) throws Exception {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/demo-config.yaml")) {
            if (in == null) throw new IllegalStateException("the demo config is missing from the jar");
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{{base}}", site.baseUri().toString().replaceAll("/$", ""));
            return Files.writeString(dir.resolve("demo-config.yaml"), yaml);
        }
    }

    private static void waitFor(Duration limit) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
        if (limit == null) stop.await();
        else stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
    }
}

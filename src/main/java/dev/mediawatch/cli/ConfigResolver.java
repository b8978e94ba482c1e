package dev.mediawatch.cli;

import dev.mediawatch.config.ConfigLoader;
import dev.mediawatch.config.MediawatchConfig;
import java.nio.file.Path;

/** The config file (or the bundled default) with the command line and environment laid over it. */
final class ConfigResolver {
    private ConfigResolver() {
    }

    static MediawatchConfig resolve(Path file, String bootstrapServers, Integer httpPort) {
        MediawatchConfig cfg = file == null ? ConfigLoader.loadDefault() : ConfigLoader.load(file);
        String env = System.getenv(KafkaOptions.ENV);
        String servers = bootstrapServers != null ? bootstrapServers
                : env != null && !env.isBlank() ? env : cfg.kafka().bootstrapServers();
        cfg = cfg.withKafka(new MediawatchConfig.KafkaSettings(servers, cfg.kafka().embeddedPort()));
        if (httpPort != null) {
            if (httpPort < 0 || httpPort > 65535) {
                throw new IllegalArgumentException("--http-port: " + httpPort + " is not a port (0-65535)");
            }
            cfg = cfg.withHttp(new MediawatchConfig.HttpSettings(cfg.http().host(), httpPort, cfg.http().advertisedHost()));
        }
        return cfg;
    }
}

package dev.mediawatch.cli;

import picocli.CommandLine.Option;

/** {@code --bootstrap-servers} for the commands that talk to a running cluster. */
final class KafkaOptions {
    static final String ENV = "MEDIAWATCH_KAFKA_BOOTSTRAP_SERVERS";

    @Option(names = "--bootstrap-servers", paramLabel = "HOSTS",
            description = "Kafka bootstrap servers (default: $" + ENV + ", else 127.0.0.1:9092, the embedded broker).")
    String bootstrapServers;

    String resolve() {
        if (bootstrapServers != null && !bootstrapServers.isBlank()) return bootstrapServers;
        String env = System.getenv(ENV);
        return env != null && !env.isBlank() ? env : "127.0.0.1:9092";
    }
}

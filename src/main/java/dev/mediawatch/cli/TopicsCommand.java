package dev.mediawatch.cli;

import dev.mediawatch.kafka.TopicCatalog;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code mediawatch topics apply}: create the topics of {@code topics/} that are missing. */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Manage mediawatch's Kafka topics.",
        subcommands = TopicsCommand.Apply.class)
final class TopicsCommand {

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = "Create missing topics; report partition counts that differ.")
    static final class Apply implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Override
        public Integer call() throws Exception {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.resolve(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000))) {
                for (TopicCatalog.Outcome o : TopicCatalog.load().apply(admin)) {
                    System.out.printf("%-28s %s%n", o.topic(), o.status());
                }
            }
            return Main.OK;
        }
    }
}

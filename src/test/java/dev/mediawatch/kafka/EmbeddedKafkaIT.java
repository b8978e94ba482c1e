package dev.mediawatch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {
    @TempDir
    Path data;

    @Test
    void appliesTheTopicsAndKeepsThemAcrossARestart() throws Exception {
        try (EmbeddedKafka broker = EmbeddedKafka.start(data, 0); Admin admin = admin(broker)) {
            assertThat(TopicCatalog.load().apply(admin)).allSatisfy(o -> assertThat(o.status()).startsWith("created"));
        }
        try (EmbeddedKafka broker = EmbeddedKafka.start(data, 0); Admin admin = admin(broker)) {
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).contains("mediawatch.alerts", "mediawatch.articles.raw", "mediawatch.dlq");
            assertThat(TopicCatalog.load().apply(admin)).allSatisfy(o -> assertThat(o.status()).isEqualTo("ok"));
        }
    }

    @Test
    void refusesAPortThatIsAlreadyTaken() throws Exception {
        try (EmbeddedKafka first = EmbeddedKafka.start(data.resolve("a"), 0)) {
            assertThatThrownBy(() -> EmbeddedKafka.start(data.resolve("b"), first.port()))
                    .isInstanceOf(EmbeddedKafka.PortInUseException.class)
                    .hasMessageContaining("port " + first.port()).hasMessageContaining("already in use");
        }
    }

    private static Admin admin(EmbeddedKafka broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }
}

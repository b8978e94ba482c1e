package dev.mediawatch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {
    private final TopicCatalog catalog = TopicCatalog.load();

    @Test
    void definesEveryTopicOfTheArchitecture() {
        assertThat(catalog.specs()).extracting(TopicSpec::name).containsExactlyInAnyOrder(
                "mediawatch.feeds", "mediawatch.feed-status", "mediawatch.entities", "mediawatch.subscriptions",
                "mediawatch.articles.raw", "mediawatch.articles", "mediawatch.mentions", "mediawatch.coverage",
                "mediawatch.alerts", "mediawatch.deliveries", "mediawatch.dlq");
    }

    @Test
    void typedTopicsMatchTheFiles() {
        List<Topic<?, ?>> typed = List.of(Topics.FEEDS, Topics.FEED_STATUS, Topics.ENTITIES, Topics.SUBSCRIPTIONS,
                Topics.ARTICLES_RAW, Topics.ARTICLES, Topics.MENTIONS, Topics.COVERAGE, Topics.ALERTS,
                Topics.DELIVERIES, Topics.DLQ);
        assertThat(typed).allSatisfy(t -> assertThat(catalog.find(t.name())).isPresent());
    }

    @Test
    void registriesAreCompactedAndEventTopicsAreNot() {
        Map<String, String> cleanup = catalog.specs().stream()
                .collect(Collectors.toMap(TopicSpec::name, s -> s.configs().get("cleanup.policy")));
        assertThat(cleanup).containsEntry("mediawatch.feeds", "compact").containsEntry("mediawatch.feed-status", "compact")
                .containsEntry("mediawatch.entities", "compact").containsEntry("mediawatch.subscriptions", "compact")
                .containsEntry("mediawatch.deliveries", "compact").containsEntry("mediawatch.articles.raw", "delete")
                .containsEntry("mediawatch.alerts", "delete").containsEntry("mediawatch.dlq", "delete");
    }

    @Test
    void everyTopicSaysWhatItHolds() {
        assertThat(catalog.specs()).allSatisfy(s -> {
            assertThat(s.partitions()).isPositive();
            assertThat(s.key()).isNotBlank();
            assertThat(s.value()).isNotBlank();
            assertThat(s.purpose()).isNotBlank();
        });
    }
}

package dev.mediawatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricLabelsTest {
    private final MetricLabels before = MetricLabels.current();

    @AfterEach
    void restore() {
        MetricLabels.install(before);
    }

    @Test
    void installingExportsEveryKnownLabelValueAtZero() {
        MetricLabels.install(new MetricLabels(50, List.of("zero-feed"), List.of("Zero Outlet"), List.of("zero-entity", "zero-other"),
                List.of("zero-desk"), List.of("courts", "other")));

        String scrape = Scrapes.text();
        assertThat(scrape)
                .contains("mediawatch_mentions_total{entity=\"zero-entity\"} 0")
                .contains("mediawatch_stories_total{entity=\"zero-other\"} 0")
                .contains("mediawatch_alerts_total{kind=\"spike\",subscription=\"zero-desk\"} 0")
                .contains("mediawatch_alerts_total{kind=\"story-update\",subscription=\"zero-desk\"} 0")
                .contains("mediawatch_articles_enriched_total{category=\"courts\",outlet=\"Zero Outlet\"} 0")
                .contains("mediawatch_comentions_total{entity_a=\"zero-entity\",entity_b=\"zero-other\"} 0")
                .contains("mediawatch_comentions_total{entity_a=\"other\",entity_b=\"other\"} 0")
                .contains("mediawatch_dead_letter_records_total{topic=\"mediawatch.articles.raw\"} 0")
                .contains("mediawatch_feed_polls_total{feed=\"zero-feed\",result=\"ok\"} 0")
                .contains("mediawatch_articles_produced_total{outlet=\"Zero Outlet\"} 0");
    }

    @Test
    void entityPairsAreOrderedAndBounded() {
        MetricLabels labels = new MetricLabels(2, List.of("zero-feed"), List.of(), List.of("b-entity", "a-entity", "c-entity"),
                List.of(), List.of());

        // Two entities fit the limit of 2; the third folds into other, and so does any pair with it.
        assertThat(labels.entityPair("b-entity", "a-entity")).containsExactly("a-entity", "b-entity");
        assertThat(labels.entityPair("a-entity", "c-entity")).containsExactly("other", "other");
    }

    @Test
    void unknownKindsAndSubscriptionsReadOther() {
        MetricLabels labels = new MetricLabels(5, List.of("zero-feed"), List.of(), List.of(), List.of("desk"), List.of());

        assertThat(labels.kind("spike")).isEqualTo("spike");
        assertThat(labels.kind("weather")).isEqualTo("other");
        assertThat(labels.subscription("someone-else")).isEqualTo("other");
    }
}

package dev.mediawatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.Alert;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertWatcherTest {

    @Test
    void readsTheArticleIdOfAnAlertAsTheTopicCarriesIt() {
        Alert alert = new Alert("al-1", "query", "desk", "eos-0000000042", "eos-0000000007", "https://x.invalid/1",
                "Title", "Outlet", Instant.EPOCH, Instant.EPOCH, List.of("cecot"), "snippet", "reason",
                List.of("Outlet"), null, Instant.EPOCH);
        byte[] bytes = Topics.ALERTS.valueSerde().serializer().serialize(Topics.ALERTS.name(), alert);
        assertThat(AlertWatcher.articleId(bytes)).isEqualTo("eos-0000000042");
    }

    @Test
    void skipsNestedValuesBeforeTheArticleIdAndIgnoresNestedArticleIds() {
        String json = "{\"entities\":[{\"articleId\":\"nested\"}],\"meta\":{\"articleId\":\"nested\"},"
                + "\"articleId\":\"top\"}";
        assertThat(AlertWatcher.articleId(json.getBytes(StandardCharsets.UTF_8))).isEqualTo("top");
    }

    @Test
    void noArticleIdOrNoAlertGivesNull() {
        assertThat(AlertWatcher.articleId(null)).isNull();
        assertThat(AlertWatcher.articleId("{\"kind\":\"spike\"}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(AlertWatcher.articleId("{\"articleId\":null}".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(AlertWatcher.articleId("not json".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(AlertWatcher.articleId("[1,2]".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}

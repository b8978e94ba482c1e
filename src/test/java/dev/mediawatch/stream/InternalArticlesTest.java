package dev.mediawatch.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.Article;
import dev.mediawatch.model.EntityMention;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The enriched article on the stream's own repartition topic: binary, every field kept, JSON still read. */
class InternalArticlesTest {

    private static Article full() {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("immigration", 3.5);
        scores.put("courts", 1.25);
        return new Article("a1", "feed-1", "https://elfaro.example/a1", "Deportados a CECOT \u2014 \u00e9xito?", "El Faro",
                Instant.parse("2025-04-14T12:00:00.123456789Z"), Instant.parse("2025-04-14T12:01:00Z"), "summary",
                "Texto con acentos: \u00e1\u00e9\u00ed\u00f3\u00fa \u00f1, emoji \uD83D\uDE00, and\nnew lines.", "By A. Reporter",
                "es", true,
                List.of(new EntityMention("cecot", "CECOT", 3, true, false, "Men were sent to CECOT.", "CECOT"),
                        new EntityMention("bukele", "Nayib Bukele", 1, false, true, "", null)),
                List.of("immigration", "courts"), scores, "story-9", List.of("El Faro", "Demo Wire"));
    }

    @Test
    void everyFieldSurvivesTheRoundTripAndTheFormIsBinaryAndSmaller() {
        Article a = full();
        byte[] bytes = InternalArticles.SERDE.toBytes(a);
        assertThat(bytes[0]).isZero();
        assertThat(InternalArticles.SERDE.fromBytes(bytes)).isEqualTo(a);
        assertThat(bytes.length).isLessThan(Topics.ARTICLES.valueSerde().serializer().serialize("t", a).length);
    }

    @Test
    void absentFieldsStayAbsent() {
        Article sparse = new Article("a2", null, null, null, null, null, null, null, null, null, null, false,
                null, null, null, null, null);
        Article back = InternalArticles.SERDE.fromBytes(InternalArticles.SERDE.toBytes(sparse));
        assertThat(back).isEqualTo(sparse);
        assertThat(back.publishedAt()).isNull();
        assertThat(back.storyId()).isEqualTo("a2");
        assertThat(back.entities()).isEmpty();
    }

    @Test
    void jsonRecordsWrittenBeforeAreStillReadAndBadBytesRefused() {
        Article a = full();
        byte[] json = Topics.ARTICLES.valueSerde().serializer().serialize("t", a);
        assertThat(InternalArticles.SERDE.fromBytes(json)).isEqualTo(a);
        byte[] bytes = InternalArticles.SERDE.toBytes(a);
        assertThatThrownBy(() -> InternalArticles.SERDE.fromBytes(Arrays.copyOf(bytes, bytes.length - 5)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Article");
    }
}

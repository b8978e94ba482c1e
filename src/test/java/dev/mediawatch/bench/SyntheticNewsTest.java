package dev.mediawatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.enrich.query.Document;
import dev.mediawatch.enrich.query.QueryIndex;
import dev.mediawatch.enrich.query.QueryParser;
import dev.mediawatch.model.Article;
import dev.mediawatch.model.RawArticle;
import dev.mediawatch.model.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyntheticNewsTest {
    private final SyntheticNews news = new SyntheticNews(1_000, 20250414L);

    @Test
    void queriesSelectLikeADesksQueriesNotHalfTheNews() throws Exception {
        QueryIndex<String> index = new QueryIndex<>();
        for (Subscription s : news.querySubscriptions(1_000)) index.add(s.id(), QueryParser.parse(s.query()));
        int articles = 300;
        long matches = 0;
        int matchedAny = 0;
        for (int n = 0; n < articles; n++) {
            RawArticle raw = news.article("test", n, Instant.EPOCH);
            int m = index.match(Document.of(Article.of(raw, List.of(), List.of(), Map.of(), "en", null))).size();
            matches += m;
            if (m > 0) matchedAny++;
        }
        double perArticle = (double) matches / articles;

        // Each query matches well under 1% of articles (the earlier mid-frequency words: 5%, 50 per article) ...
        assertThat(perArticle).isBetween(1.0, 20.0);
        // ... yet the queries as a whole are not dead: most articles match some.
        assertThat(matchedAny).isGreaterThan(articles / 2);
    }

    @Test
    void articlesAreNewsLengthAndNameWatchlistEntities() {
        RawArticle a = news.article("test", 7, Instant.EPOCH);
        int words = a.text().split("\\s+").length;

        assertThat(words).isBetween(600, 1_000);
        assertThat(news.entities()).anyMatch(e -> a.text().contains(e.name()) || e.aliases().stream().anyMatch(a.text()::contains));
        assertThat(news.article("test", 7, Instant.EPOCH)).isEqualTo(a);
    }
}

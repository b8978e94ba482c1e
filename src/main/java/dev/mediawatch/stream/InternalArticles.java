package dev.mediawatch.stream;

import dev.mediawatch.kafka.CompactSerde;
import dev.mediawatch.model.Article;
import dev.mediawatch.model.EntityMention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The enriched article on the stream's own repartition topic ({@code articles-for-stories}), which no
 * other program reads: binary, every field of {@link Article}. Its JSON was written by the enrich task
 * and read back by the story task for every article (6 KB each way); the public topics stay JSON.
 * JSON records (written before this form, still in the topic at an upgrade) are read as before.
 */
final class InternalArticles {
    static final CompactSerde<Article> SERDE = new CompactSerde<>(Article.class, new CompactSerde.Codec<>() {
        @Override
        public void write(Article a, CompactSerde.Out out) {
            out.putString(a.articleId());
            out.putString(a.feedId());
            out.putString(a.url());
            out.putString(a.title());
            out.putString(a.outlet());
            putInstant(out, a.publishedAt());
            putInstant(out, a.fetchedAt());
            out.putString(a.summary());
            out.putString(a.text());
            out.putString(a.byline());
            out.putString(a.language());
            out.putByte(a.truncated() ? 1 : 0);
            out.putInt(a.entities().size());
            for (EntityMention e : a.entities()) {
                out.putString(e.id());
                out.putString(e.name());
                out.putInt(e.count());
                out.putByte((e.inTitle() ? 1 : 0) | (e.inLead() ? 2 : 0));
                out.putString(e.snippet());
                out.putString(e.mention());
            }
            putStrings(out, a.categories());
            out.putInt(a.categoryScores().size());
            a.categoryScores().forEach((category, score) -> {
                out.putString(category);
                out.putDouble(score == null ? Double.NaN : score);
            });
            out.putString(a.storyId());
            putStrings(out, a.storyOutlets());
        }

        @Override
        public Article read(CompactSerde.In in) {
            String articleId = in.getString();
            String feedId = in.getString();
            String url = in.getString();
            String title = in.getString();
            String outlet = in.getString();
            Instant publishedAt = getInstant(in);
            Instant fetchedAt = getInstant(in);
            String summary = in.getString();
            String text = in.getString();
            String byline = in.getString();
            String language = in.getString();
            boolean truncated = in.getByte() != 0;
            int n = in.getCount(4 + 4 + 4 + 1 + 4 + 4);
            List<EntityMention> entities = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String id = in.getString();
                String name = in.getString();
                int count = in.getInt();
                int flags = in.getByte();
                entities.add(new EntityMention(id, name, count, (flags & 1) != 0, (flags & 2) != 0, in.getString(),
                        in.getString()));
            }
            List<String> categories = getStrings(in);
            int scores = in.getCount(4 + 8);
            Map<String, Double> categoryScores = new LinkedHashMap<>(scores * 2);
            for (int i = 0; i < scores; i++) {
                String category = in.getString();
                double score = in.getDouble();
                categoryScores.put(category, Double.isNaN(score) ? null : score);
            }
            String storyId = in.getString();
            List<String> storyOutlets = getStrings(in);
            return new Article(articleId, feedId, url, title, outlet, publishedAt, fetchedAt, summary, text, byline,
                    language, truncated, entities, categories, categoryScores, storyId, storyOutlets);
        }
    });

    private InternalArticles() {
    }

    private static void putInstant(CompactSerde.Out out, Instant t) {
        out.putByte(t == null ? 0 : 1);
        if (t == null) return;
        out.putLong(t.getEpochSecond());
        out.putInt(t.getNano());
    }

    private static Instant getInstant(CompactSerde.In in) {
        if (in.getByte() == 0) return null;
        long seconds = in.getLong();
        return Instant.ofEpochSecond(seconds, in.getInt());
    }

    private static void putStrings(CompactSerde.Out out, List<String> values) {
        out.putInt(values.size());
        for (String v : values) out.putString(v);
    }

    private static List<String> getStrings(CompactSerde.In in) {
        int n = in.getCount(4);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(in.getString());
        return out;
    }
}

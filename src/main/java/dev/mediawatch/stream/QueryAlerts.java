package dev.mediawatch.stream;

import dev.mediawatch.enrich.query.Document;
import dev.mediawatch.enrich.query.QueryIndex;
import dev.mediawatch.enrich.query.QueryParseException;
import dev.mediawatch.enrich.query.QueryParser;
import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Article;
import dev.mediawatch.model.EntityMention;
import dev.mediawatch.model.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query alerts an article raises. The subscriptions with a query sit in the subscriptions-by-
 * entity table under {@link EntitySubscriptions#QUERY_KEY}; their {@link QueryIndex} is built once
 * per version of that entry, so each article evaluates only the few queries whose required terms
 * it contains.
 */
final class QueryAlerts {
    private static final Logger LOG = LoggerFactory.getLogger(QueryAlerts.class);

    private long builtVersion = -1;
    private QueryIndex<String> index = new QueryIndex<>();
    private Map<String, Subscription> subscriptions = Map.of();

    synchronized List<KeyValue<String, Alert>> of(Article article, EntitySubscriptions followers, Instant detectedAt) {
        if (followers.version() != builtVersion) rebuild(followers);
        List<KeyValue<String, Alert>> alerts = new ArrayList<>();
        String snippet = null;
        for (String id : index.match(Document.of(article))) {
            Subscription s = subscriptions.get(id);
            if (s == null) continue;
            if (snippet == null) snippet = snippet(article);
            alerts.add(KeyValue.pair(id, alert(s, article, snippet, detectedAt)));
        }
        return alerts;
    }

    private void rebuild(EntitySubscriptions followers) {
        QueryIndex<String> next = new QueryIndex<>();
        for (Subscription s : followers.subscriptions()) {
            if (s.query() == null) continue;
            try {
                next.add(s.id(), QueryParser.parse(s.query()));
            } catch (QueryParseException e) {
                LOG.warn("subscription {}: query ignored: {}", s.id(), e.getMessage());
            }
        }
        index = next;
        subscriptions = followers.bySubscription();
        builtVersion = followers.version();
    }

    /** The first entity's sentence, else the lead: computed once per article, shared by its alerts. */
    private static String snippet(Article a) {
        return a.entities().stream().map(EntityMention::snippet).filter(x -> !x.isBlank()).findFirst()
                .orElseGet(() -> lead(a));
    }

    private static Alert alert(Subscription s, Article a, String snippet, Instant detectedAt) {
        return new Alert(AlertIds.of(s.id(), Alert.KIND_QUERY, a.storyId()), Alert.KIND_QUERY, s.id(),
                a.articleId(), a.storyId(), a.url(), a.title(), a.outlet(), a.publishedAt(), detectedAt,
                a.entityIds(), snippet, "Matches the query " + s.query(), a.storyOutlets(), null,
                a.fetchedAt());
    }

    private static String lead(Article a) {
        String text = a.summary() != null && !a.summary().isBlank() ? a.summary() : a.text();
        if (text == null) return "";
        // Only the start matters: collapse white space in the first few hundred characters, not the whole text.
        String head = text.strip();
        head = head.substring(0, Math.min(head.length(), 600)).replaceAll("\\s+", " ");
        if (head.length() <= 300) return head;
        int cut = head.lastIndexOf(' ', 300);
        return head.substring(0, cut > 0 ? cut : 300) + "…";
    }
}

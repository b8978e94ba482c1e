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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entity and query alerts one article raises, in the story task, right after story assignment.
 * Every subscription sits in the story task's {@code all-subscriptions-store};
 * from each version of its contents this builds, once, an index from entity id to the subscriptions
 * following it and a {@link QueryIndex} of the queries, so an article costs one lookup per entity it
 * names and the evaluation of the few queries whose required terms it contains.
 *
 * <p>A subscription gets at most one alert per article: an entity alert listing every followed entity
 * the article names (the first of them, in article order, speaks for it), else a query alert.
 */
final class ArticleAlerts {
    private static final Logger LOG = LoggerFactory.getLogger(ArticleAlerts.class);

    private long builtVersion = -1;
    private QueryIndex<String> queries = new QueryIndex<>();
    private Map<String, List<Subscription>> byEntity = Map.of();
    private Map<String, Subscription> subscriptions = Map.of();

    synchronized List<KeyValue<String, Alert>> of(Article article, EntitySubscriptions all, Instant detectedAt) {
        if (all.version() != builtVersion) rebuild(all);
        List<KeyValue<String, Alert>> alerts = new ArrayList<>();
        Set<String> alerted = new HashSet<>();
        List<String> named = article.entityIds();
        for (EntityMention first : article.entities()) {
            for (Subscription s : byEntity.getOrDefault(first.id(), List.of())) {
                if (!alerted.add(s.id())) continue;
                List<String> matched = named.stream().filter(s.entities()::contains).toList();
                alerts.add(KeyValue.pair(s.id(), entityAlert(s, article, first, matched, detectedAt)));
            }
        }
        String snippet = null;
        for (String id : queries.match(Document.of(article))) {
            Subscription s = subscriptions.get(id);
            if (s == null || !alerted.add(id)) continue;
            if (snippet == null) snippet = snippet(article);
            alerts.add(KeyValue.pair(id, queryAlert(s, article, snippet, detectedAt)));
        }
        return alerts;
    }

    private void rebuild(EntitySubscriptions all) {
        QueryIndex<String> nextQueries = new QueryIndex<>();
        Map<String, List<Subscription>> nextByEntity = new HashMap<>();
        for (Subscription s : all.subscriptions()) {
            for (String entity : s.entities()) nextByEntity.computeIfAbsent(entity, e -> new ArrayList<>()).add(s);
            if (s.query() == null) continue;
            try {
                nextQueries.add(s.id(), QueryParser.parse(s.query()));
            } catch (QueryParseException e) {
                LOG.warn("subscription {}: query ignored: {}", s.id(), e.getMessage());
            }
        }
        queries = nextQueries;
        byEntity = nextByEntity;
        subscriptions = all.bySubscription();
        builtVersion = all.version();
    }

    private static Alert entityAlert(Subscription s, Article a, EntityMention first, List<String> matched,
                                     Instant detectedAt) {
        return new Alert(AlertIds.of(s.id(), Alert.KIND_ENTITY, a.storyId()), Alert.KIND_ENTITY, s.id(),
                a.articleId(), a.storyId(), a.url(), a.title(), a.outlet(), a.publishedAt(), detectedAt, matched,
                first.snippet(), reason(first, matched), a.storyOutlets(), first.mention(), a.fetchedAt());
    }

    static String reason(EntityMention first, List<String> matched) {
        StringBuilder reason = new StringBuilder("Mentions ").append(first.name());
        List<String> where = new ArrayList<>();
        if (first.inTitle()) where.add("in the headline");
        else if (first.inLead()) where.add("in the lead");
        if (first.count() > 1) where.add(first.count() + " times");
        if (!where.isEmpty()) reason.append(" (").append(String.join(", ", where)).append(')');
        if (matched.size() > 1) {
            reason.append(", with ").append(String.join(", ", matched.subList(1, matched.size())));
        }
        return reason.toString();
    }

    /** The first entity's sentence, else the lead: computed once per article, shared by its alerts. */
    private static String snippet(Article a) {
        return a.entities().stream().map(EntityMention::snippet).filter(x -> !x.isBlank()).findFirst()
                .orElseGet(() -> lead(a));
    }

    private static Alert queryAlert(Subscription s, Article a, String snippet, Instant detectedAt) {
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

package dev.mediawatch.stream;

import dev.mediawatch.model.Alert;
import dev.mediawatch.model.EntityMention;
import dev.mediawatch.model.Mention;
import dev.mediawatch.model.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * The entity alerts one mention raises. An article that mentions several entities a subscription
 * follows reaches here once per entity; only the mention of the first of them (in article order)
 * speaks for the article, so each subscription gets one alert listing all of them.
 */
final class MentionAlerts {
    private MentionAlerts() {
    }

    static List<KeyValue<String, Alert>> of(Mention mention, EntitySubscriptions followers, Instant detectedAt) {
        List<KeyValue<String, Alert>> alerts = new ArrayList<>();
        for (Subscription subscription : followers.subscriptions()) {
            List<String> matched = mention.articleEntityIds().stream()
                    .filter(subscription.entities()::contains).toList();
            if (matched.isEmpty() || !matched.get(0).equals(mention.entity().id())) continue;
            alerts.add(KeyValue.pair(subscription.id(), alert(subscription, mention, matched, detectedAt)));
        }
        return alerts;
    }

    private static Alert alert(Subscription subscription, Mention m, List<String> matched, Instant detectedAt) {
        return new Alert(AlertIds.of(subscription.id(), Alert.KIND_ENTITY, m.storyId()), Alert.KIND_ENTITY,
                subscription.id(), m.articleId(), m.storyId(), m.url(), m.title(), m.outlet(), m.publishedAt(),
                detectedAt, matched, m.entity().snippet(), reason(m.entity(), matched), m.storyOutlets(),
                m.entity().mention(), m.fetchedAt());
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
}

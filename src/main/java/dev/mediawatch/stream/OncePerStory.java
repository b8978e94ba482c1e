package dev.mediawatch.stream;

import dev.mediawatch.model.Alert;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One alert per subscription and story: takes the entity and query alerts one article raises (keyed
 * by subscription) and lets through each subscription's first on the story; later copies do not alert
 * again. When copies bring the story to new outlets, one {@code story-update} alert may follow, at most
 * one per {@code updateEvery} since the last alert to that subscription on that story.
 *
 * <p>State: one {@link StoryAlerts} per story in the alerted-stories store, so an article costs one
 * read (none on a story's first article: no alert on it can exist yet, since articles are deduplicated
 * before stories) and at most one write.
 */
final class OncePerStory implements Processor<String, List<KeyValue<String, Alert>>, String, Alert> {
    private final String storeName;
    private final Duration retention;
    private final Duration updateEvery;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, StoryAlerts> alerted;

    OncePerStory(String storeName, Duration retention, Duration updateEvery) {
        this.storeName = storeName;
        this.retention = retention;
        this.updateEvery = updateEvery;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.alerted = context.getStateStore(storeName);
        StoreExpiry.schedule(context, alerted, StoryAlerts::lastAt, now -> now - retention.toMillis());
    }

    @Override
    public void process(Record<String, List<KeyValue<String, Alert>>> record) {
        List<KeyValue<String, Alert>> alerts = record.value();
        if (alerts == null || alerts.isEmpty()) return;
        Alert first = alerts.get(0).value;
        String storyId = first.storyId() != null ? first.storyId() : first.articleId();
        boolean storyStarts = storyId.equals(first.articleId());
        StoryAlerts before = storyStarts ? null : alerted.get(storyId);
        Map<String, StoryAlertState> next = null; // copied on the first change
        long now = record.timestamp();
        for (KeyValue<String, Alert> kv : alerts) {
            Alert alert = kv.value;
            String subscription = alert.subscriptionId();
            StoryAlertState state = before == null ? null : before.of(subscription);
            boolean fromEarlier = false;
            if (state == null && !storyStarts) {
                state = earlier(subscription, storyId);
                fromEarlier = state != null;
            }
            int outlets = alert.storyOutlets() == null ? 0 : alert.storyOutlets().size();
            StoryAlertState told;
            Alert out;
            if (state == null) {
                told = new StoryAlertState(now, now, outlets);
                out = alert;
            } else if (outlets > state.outlets() && now - state.lastAt() >= updateEvery.toMillis()) {
                told = new StoryAlertState(state.firstAt(), now, outlets);
                out = storyUpdate(alert, state.outlets());
            } else {
                if (fromEarlier) {
                    // known only from a value written per subscription before: carry it over
                    if (next == null) next = before == null ? new LinkedHashMap<>() : new LinkedHashMap<>(before.bySubscription());
                    next.put(subscription, state);
                }
                continue;
            }
            if (next == null) next = before == null ? new LinkedHashMap<>() : new LinkedHashMap<>(before.bySubscription());
            next.put(subscription, told);
            StreamMetrics.alertEmitted(out);
            context.forward(record.withKey(kv.key).withValue(out));
        }
        if (next != null) alerted.put(storyId, new StoryAlerts(java.util.Collections.unmodifiableMap(next)));
    }

    /**
     * What an earlier version stored for this subscription and story, one value per pair; null if nothing.
     * Looked up only for a subscription the story's value does not name, on a story's later copies: after
     * the three days following an upgrade, a lookup that always misses, and a rare one (a later copy
     * alerting a subscription the earlier copies did not).
     */
    private StoryAlertState earlier(String subscription, String storyId) {
        StoryAlerts one = alerted.get(subscription + '\n' + storyId);
        return one == null ? null : one.of(StoryAlerts.EARLIER);
    }

    private static Alert storyUpdate(Alert a, int before) {
        List<String> outlets = a.storyOutlets();
        String reason = "Story now carried by " + outlets.size() + " outlets (was " + before + "): "
                + String.join(", ", outlets);
        return new Alert(AlertIds.of(a.subscriptionId(), Alert.KIND_STORY_UPDATE, a.storyId() + "#" + outlets.size()),
                Alert.KIND_STORY_UPDATE, a.subscriptionId(), a.articleId(), a.storyId(), a.url(), a.title(),
                a.outlet(), a.publishedAt(), a.detectedAt(), a.entities(), a.snippet(), reason, outlets);
    }
}

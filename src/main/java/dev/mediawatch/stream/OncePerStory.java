package dev.mediawatch.stream;

import dev.mediawatch.model.Alert;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One alert per subscription and story: the first entity or query alert on a story goes out; later
 * copies do not alert again. When copies bring the story to new outlets, one {@code story-update}
 * alert may follow, at most one per {@code updateEvery} since the last alert on that story.
 * Spike alerts are deduplicated on their own.
 */
final class OncePerStory implements Processor<String, Alert, String, Alert> {
    private final String storeName;
    private final Duration retention;
    private final Duration updateEvery;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, StoryAlertState> alerted;

    OncePerStory(String storeName, Duration retention, Duration updateEvery) {
        this.storeName = storeName;
        this.retention = retention;
        this.updateEvery = updateEvery;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        this.alerted = context.getStateStore(storeName);
        context.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, Alert> record) {
        Alert alert = record.value();
        if (alert == null) return;
        boolean spike = Alert.KIND_SPIKE.equals(alert.kind());
        String key = alert.subscriptionId() + '\n' + (spike ? "spike\n" : "") + alert.storyId();
        // A story is named after its first article: on that article no alert on the story can exist yet
        // (articles are deduplicated before stories), so the lookup, most alerts' only read, is skipped.
        boolean storyStarts = !spike && alert.storyId() != null && alert.storyId().equals(alert.articleId());
        StoryAlertState state = storyStarts ? null : alerted.get(key);
        long now = record.timestamp();
        int outlets = alert.storyOutlets() == null ? 0 : alert.storyOutlets().size();
        if (state == null) {
            alerted.put(key, new StoryAlertState(now, now, outlets));
            StreamMetrics.alertEmitted(alert);
            context.forward(record);
        } else if (!spike && outlets > state.outlets() && now - state.lastAt() >= updateEvery.toMillis()) {
            alerted.put(key, new StoryAlertState(state.firstAt(), now, outlets));
            Alert update = storyUpdate(alert, state.outlets());
            StreamMetrics.alertEmitted(update);
            context.forward(record.withValue(update));
        }
    }

    private static Alert storyUpdate(Alert a, int before) {
        List<String> outlets = a.storyOutlets();
        String reason = "Story now carried by " + outlets.size() + " outlets (was " + before + "): "
                + String.join(", ", outlets);
        return new Alert(AlertIds.of(a.subscriptionId(), Alert.KIND_STORY_UPDATE, a.storyId() + "#" + outlets.size()),
                Alert.KIND_STORY_UPDATE, a.subscriptionId(), a.articleId(), a.storyId(), a.url(), a.title(),
                a.outlet(), a.publishedAt(), a.detectedAt(), a.entities(), a.snippet(), reason, outlets);
    }

    private void expire(long now) {
        StoreExpiry.expire(alerted, now - retention.toMillis(), StoryAlertState::lastAt);
    }
}

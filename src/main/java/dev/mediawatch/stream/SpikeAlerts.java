package dev.mediawatch.stream;

import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.streams.KeyValue;

/** One spike alert for each subscription that follows the entity. */
final class SpikeAlerts {
    private SpikeAlerts() {
    }

    static List<KeyValue<String, Alert>> of(Spike spike, Collection<Subscription> followers, Instant detectedAt) {
        List<KeyValue<String, Alert>> alerts = new ArrayList<>();
        String storyId = "spike:" + spike.entityId() + ":" + spike.at().toEpochMilli();
        for (Subscription s : followers) {
            alerts.add(KeyValue.pair(s.id(), new Alert(AlertIds.of(s.id(), Alert.KIND_SPIKE, storyId),
                    Alert.KIND_SPIKE, s.id(), null, storyId, spike.lastUrl(), spike.lastTitle(), spike.lastOutlet(),
                    spike.at(), detectedAt, List.of(spike.entityId()), null, reason(spike), null)));
        }
        return alerts;
    }

    static String reason(Spike spike) {
        return String.format(Locale.ROOT, "Coverage spike on %s: %d articles in the last %d minutes, against %.1f "
                        + "expected from its usual rate", spike.entityName(), spike.count(), spike.windowMinutes(),
                spike.expected());
    }
}

package dev.mediawatch.deliver;

import dev.mediawatch.model.Alert;
import java.time.Instant;
import java.util.List;

/** Alerts for delivery tests, written inline so each test shows what it sends. */
final class TestAlerts {
    private TestAlerts() {
    }

    static Alert alert(String id, String subscription) {
        return new Alert(id, Alert.KIND_ENTITY, subscription, "article-" + id, "story-" + id,
                "https://news.example/" + id, "Headline " + id, "Example News",
                Instant.parse("2025-04-14T12:00:00Z"), Instant.now(), List.of("cecot"),
                "Deportees were taken by bus to CECOT on Sunday.", "Mentions CECOT; followed by this subscription",
                null, "CECOT");
    }

    static Alert inStory(String id, String story, String outlet, String title) {
        return inStory(id, story, outlet, title, "desk");
    }

    static Alert inStory(String id, String story, String outlet, String title, String subscription) {
        return new Alert(id, Alert.KIND_ENTITY, subscription, "article-" + id, story, "https://news.example/" + id, title,
                outlet, Instant.parse("2025-04-14T12:00:00Z"), Instant.parse("2025-04-14T12:00:03Z"), List.of("cecot"),
                "snippet " + id, "Mentions CECOT", null, "CECOT");
    }
}

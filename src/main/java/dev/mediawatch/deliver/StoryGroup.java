package dev.mediawatch.deliver;

import dev.mediawatch.model.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The alerts of a digest or rolled-up message that belong to one story, in arrival order. A story
 * stands for all its copies: the first alert gives the headline, the rest add counts and outlets.
 */
public record StoryGroup(String storyId, List<Alert> alerts) {
    public StoryGroup {
        Objects.requireNonNull(storyId, "storyId");
        alerts = List.copyOf(alerts);
        if (alerts.isEmpty()) throw new IllegalArgumentException("a story group has at least one alert");
    }

    /** Groups by story id (the article id, then the alert id, where a story id is missing), first seen first. */
    public static List<StoryGroup> of(List<Alert> alerts) {
        Map<String, List<Alert>> groups = new LinkedHashMap<>();
        for (Alert a : alerts) groups.computeIfAbsent(storyOf(a), k -> new ArrayList<>()).add(a);
        List<StoryGroup> out = new ArrayList<>();
        groups.forEach((story, list) -> out.add(new StoryGroup(story, list)));
        return out;
    }

    private static String storyOf(Alert a) {
        if (a.storyId() != null) return a.storyId();
        return a.articleId() != null ? a.articleId() : a.alertId();
    }

    public Alert first() {
        return alerts.get(0);
    }

    /** Distinct outlets in arrival order. */
    public List<String> outlets() {
        Set<String> outlets = new LinkedHashSet<>();
        for (Alert a : alerts) if (a.outlet() != null && !a.outlet().isBlank()) outlets.add(a.outlet());
        return List.copyOf(outlets);
    }

    /** Distinct entity ids in arrival order. */
    public List<String> entities() {
        Set<String> entities = new LinkedHashSet<>();
        for (Alert a : alerts) entities.addAll(a.entities());
        return List.copyOf(entities);
    }

    /** How many outlets carry the story, as far as the alerts' story outlet lists tell; null if none has one. */
    public Integer storyOutlets() {
        Set<String> outlets = new LinkedHashSet<>();
        boolean known = false;
        for (Alert a : alerts) {
            if (a.storyOutlets() != null && !a.storyOutlets().isEmpty()) {
                known = true;
                outlets.addAll(a.storyOutlets());
            }
        }
        return known ? outlets.size() : null;
    }
}

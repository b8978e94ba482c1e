package dev.mediawatch.deliver;

import dev.mediawatch.model.Alert;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How an alert reads for a person in a terminal: the console channel and {@code mediawatch tail}. */
public final class AlertFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private AlertFormat() {
    }

    public static String human(Alert a) {
        StringBuilder s = new StringBuilder();
        s.append("[").append(a.kind()).append("] ").append(a.subscriptionId()).append(" | ")
                .append(nullToEmpty(a.outlet())).append(" | ")
                .append(a.publishedAt() == null ? "" : TIME.format(a.publishedAt())).append('\n');
        s.append("  ").append(nullToEmpty(a.title())).append('\n');
        if (a.url() != null) s.append("  ").append(a.url()).append('\n');
        if (!a.entities().isEmpty()) s.append("  entities: ").append(String.join(", ", a.entities())).append('\n');
        if (a.snippet() != null && !a.snippet().isBlank()) s.append("  \"").append(a.snippet()).append("\"\n");
        if (a.reason() != null) s.append("  why: ").append(a.reason()).append('\n');
        return s.toString();
    }

    /** Several alerts grouped by story, with counts: a digest on the console. */
    public static String digest(java.util.List<Alert> alerts, String heading) {
        java.util.List<StoryGroup> groups = StoryGroup.of(alerts);
        StringBuilder s = new StringBuilder();
        s.append("[digest] ").append(alerts.size()).append(alerts.size() == 1 ? " alert" : " alerts").append(" on ")
                .append(groups.size()).append(groups.size() == 1 ? " story" : " stories")
                .append(" (").append(heading).append(")\n");
        for (StoryGroup g : groups) {
            Alert first = g.first();
            s.append("  ").append(nullToEmpty(first.title())).append(" (").append(g.alerts().size())
                    .append(g.alerts().size() == 1 ? " alert" : " alerts");
            if (!g.outlets().isEmpty()) s.append("; ").append(String.join(", ", g.outlets()));
            s.append(")\n");
            if (first.url() != null) s.append("    ").append(first.url()).append('\n');
        }
        return s.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

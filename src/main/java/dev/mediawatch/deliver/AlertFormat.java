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

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}

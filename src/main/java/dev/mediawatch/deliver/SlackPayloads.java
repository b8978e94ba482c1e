package dev.mediawatch.deliver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediawatch.model.Alert;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Block Kit messages for Slack incoming webhooks: one alert, or several (a digest, or alerts rolled up
 * because they arrived faster than Slack's pace) grouped by story. Every piece of article text goes
 * through {@link SlackText}, and every message keeps within Slack's limits: at most {@link #MAX_BLOCKS}
 * blocks, section text at most {@link SlackText#MAX_TEXT} characters.
 */
public final class SlackPayloads {
    public static final int MAX_BLOCKS = 50;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String DOT = " · ";

    private SlackPayloads() {
    }

    /** One alert: headline linked to the article, outlet and time, snippet with the mention in bold, entities, why. */
    public static ObjectNode alert(Alert a) {
        ObjectNode message = JSON.objectNode();
        message.put("text", SlackText.escapeWithin(fallback(a), SlackText.MAX_TEXT));
        ArrayNode blocks = message.putArray("blocks");
        blocks.add(section(headline(a.url(), a.title(), "")));
        String meta = meta(a.outlet(), a.publishedAt() == null ? null : TIME.format(a.publishedAt()),
                a.storyOutlets() == null || a.storyOutlets().isEmpty() ? null : a.storyOutlets().size());
        if (!meta.isEmpty()) blocks.add(context(meta));
        if (a.snippet() != null && !a.snippet().isBlank()) {
            blocks.add(section("&gt; " + SlackText.withMentionInBold(a.snippet(), a.mention(), SlackText.MAX_TEXT - 5)));
        }
        if (!a.entities().isEmpty()) {
            blocks.add(context("*Entities:* " + SlackText.escapeWithin(String.join(", ", a.entities()),
                    SlackText.MAX_TEXT - 14)));
        }
        if (a.reason() != null && !a.reason().isBlank()) {
            blocks.add(context("*Why:* " + SlackText.escapeWithin(a.reason(), SlackText.MAX_TEXT - 7)));
        }
        return message;
    }

    /**
     * Several alerts in one message, grouped by story with counts. {@code heading} says why they came
     * together (e.g. {@code digest, every 1h}); it is written by mediawatch, not taken from articles.
     */
    public static ObjectNode digest(List<Alert> alerts, String heading) {
        List<StoryGroup> groups = StoryGroup.of(alerts);
        String summary = count(alerts.size(), "alert") + " on " + count(groups.size(), "story");
        ObjectNode message = JSON.objectNode();
        message.put("text", "mediawatch: " + summary);
        ArrayNode blocks = message.putArray("blocks");
        blocks.add(section("*mediawatch: " + summary + "* (" + SlackText.escapeWithin(heading, 200) + ")"));
        // One block per story; the last slot says what did not fit.
        int room = MAX_BLOCKS - 1;
        int shown = groups.size() <= room ? groups.size() : room - 1;
        for (StoryGroup g : groups.subList(0, shown)) blocks.add(section(story(g)));
        if (shown < groups.size()) {
            int hiddenAlerts = groups.subList(shown, groups.size()).stream().mapToInt(g -> g.alerts().size()).sum();
            blocks.add(context("…and " + count(groups.size() - shown, "more story") + " ("
                    + count(hiddenAlerts, "alert") + ")"));
        }
        return message;
    }

    private static String story(StoryGroup g) {
        Alert first = g.first();
        List<String> facts = new ArrayList<>();
        facts.add(count(g.alerts().size(), "alert"));
        List<String> outlets = g.outlets();
        if (!outlets.isEmpty()) facts.add(String.join(", ", outlets));
        if (g.storyOutlets() != null) facts.add(count(g.storyOutlets(), "outlet") + " on this story");
        if (!g.entities().isEmpty()) facts.add(String.join(", ", g.entities()));
        String second = SlackText.escapeWithin(String.join(DOT, facts), 1000);
        return headline(first.url(), first.title(), "\n" + second);
    }

    /** {@code *<url|title>*} plus a tail, the title cut so that the whole stays within the section limit. */
    private static String headline(String url, String title, String tail) {
        String shownTitle = title == null || title.isBlank() ? "(untitled)" : title;
        if (url == null || url.isBlank()) {
            return "*" + SlackText.escapeWithin(shownTitle, SlackText.MAX_TEXT - 2 - tail.length()) + "*" + tail;
        }
        String link = SlackText.url(url);
        int room = SlackText.MAX_TEXT - tail.length() - link.length() - 5;
        if (room < 20) return "*" + SlackText.escapeWithin(shownTitle, SlackText.MAX_TEXT - 2 - tail.length()) + "*" + tail;
        return "*<" + link + "|" + SlackText.escapeWithin(shownTitle, room) + ">*" + tail;
    }

    private static String meta(String outlet, String published, Integer storyOutlets) {
        List<String> parts = new ArrayList<>();
        if (outlet != null && !outlet.isBlank()) parts.add(SlackText.escapeWithin(outlet, 200));
        if (published != null) parts.add(published);
        if (storyOutlets != null) parts.add(count(storyOutlets, "outlet") + " on this story");
        return String.join(DOT, parts);
    }

    private static String fallback(Alert a) {
        String title = a.title() == null ? "(untitled)" : a.title();
        return a.outlet() == null ? title : title + " (" + a.outlet() + ")";
    }

    private static ObjectNode section(String mrkdwn) {
        ObjectNode block = JSON.objectNode().put("type", "section");
        block.putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
        return block;
    }

    private static ObjectNode context(String mrkdwn) {
        ObjectNode block = JSON.objectNode().put("type", "context");
        block.putArray("elements").addObject().put("type", "mrkdwn").put("text", mrkdwn);
        return block;
    }

    private static String count(int n, String noun) {
        if (n == 1) return "1 " + noun;
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return n + " " + plural;
    }
}

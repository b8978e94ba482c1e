package dev.mediawatch.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediawatch.kafka.Json;
import dev.mediawatch.model.Alert;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Block Kit payloads against golden files in src/test/resources/deliver, and Slack's limits. */
class SlackPayloadsTest {

    private static JsonNode golden(String name) throws IOException {
        try (InputStream in = SlackPayloadsTest.class.getResourceAsStream("/deliver/" + name)) {
            assertThat(in).as("golden file " + name).isNotNull();
            return Json.mapper().readTree(in);
        }
    }

    @Test
    void titleAndSnippetCannotPingOrForgeLinks() throws IOException {
        Alert a = new Alert("a1", Alert.KIND_ENTITY, "desk", "art1", "story1", "https://news.example/a?x=1&y=2",
                "<!channel> Judge & <https://evil.example|click here> rules on CECOT transfers", "Wire <Desk>",
                Instant.parse("2025-04-14T12:00:00Z"), Instant.parse("2025-04-14T12:00:03Z"),
                List.of("cecot", "abrego-garcia"),
                "Officials said <@U123> the men went to the Terrorism Confinement Center & stayed.",
                "Mentions CECOT (in the headline); followed by this subscription",
                List.of("Wire Desk", "Outlet B", "Outlet C", "Outlet D"), "Terrorism Confinement Center");
        ObjectNode payload = SlackPayloads.alert(a);
        assertThat(payload).isEqualTo(golden("slack-escaping.json"));
        String all = payload.toString();
        assertThat(all).doesNotContain("<!channel>").doesNotContain("<@U123>").doesNotContain("<https://evil");
    }

    @Test
    void longTextIsCutWithAnEllipsisWithinSlackLimits() throws IOException {
        String longTitle = "CECOT & the courts ".repeat(250);      // 4,750 chars, many escapes
        String longReason = "Mentions CECOT ".repeat(300);
        Alert a = new Alert("a2", Alert.KIND_ENTITY, "desk", "art2", "story2", "https://news.example/long",
                longTitle, "Example News", Instant.parse("2025-04-14T12:00:00Z"), null, List.of("cecot"),
                "Short snippet about CECOT.", longReason, null, "CECOT");
        ObjectNode payload = SlackPayloads.alert(a);
        assertThat(payload).isEqualTo(golden("slack-truncation.json"));
        payload.get("blocks").forEach(block -> {
            JsonNode text = block.has("text") ? block.get("text") : block.get("elements").get(0);
            assertThat(text.get("text").asText().length()).isLessThanOrEqualTo(SlackText.MAX_TEXT);
        });
        String headline = payload.get("blocks").get(0).get("text").get("text").asText();
        assertThat(headline).startsWith("*<https://news.example/long|CECOT &amp; the courts").endsWith("…>*");
    }

    @Test
    void digestGroupsByStoryWithCounts() throws IOException {
        List<Alert> alerts = List.of(
                TestAlerts.inStory("d1", "s1", "Outlet A", "Transfers to CECOT resume"),
                TestAlerts.inStory("d2", "s2", "Outlet B", "Court hears Abrego Garcia case"),
                TestAlerts.inStory("d3", "s1", "Outlet C", "Transfers to CECOT resume (copy)"),
                TestAlerts.inStory("d4", "s1", "Outlet A", "Transfers to CECOT resume (update)"));
        ObjectNode payload = SlackPayloads.digest(alerts, "digest, every 1h");
        assertThat(payload).isEqualTo(golden("slack-digest.json"));
    }

    @Test
    void aDigestOfManyStoriesKeepsToFiftyBlocksAndSaysWhatItLeftOut() {
        List<Alert> alerts = new ArrayList<>();
        for (int i = 0; i < 120; i++) alerts.add(TestAlerts.inStory("m" + i, "s" + i, "Outlet", "Story " + i));
        ObjectNode payload = SlackPayloads.digest(alerts, "rolled up");
        JsonNode blocks = payload.get("blocks");
        assertThat(blocks.size()).isEqualTo(SlackPayloads.MAX_BLOCKS);
        assertThat(blocks.get(49).get("elements").get(0).get("text").asText())
                .isEqualTo("…and 72 more stories (72 alerts)");
        assertThat(payload.get("text").asText()).isEqualTo("mediawatch: 120 alerts on 120 stories");
    }

    @Test
    void escapingCutNeverSplitsAnEntity() {
        String cut = SlackText.escapeWithin("&&&&&&&&&&", 12);   // escaped: 50 chars
        assertThat(cut).isEqualTo("&amp;&amp;…");
        assertThat(SlackText.escapeWithin("a<b", 10)).isEqualTo("a&lt;b");
    }

    @Test
    void mentionIsBoldWhereverItsCaseDiffers() {
        assertThat(SlackText.withMentionInBold("Sent to cecot on Sunday", "CECOT", 3000))
                .isEqualTo("Sent to *cecot* on Sunday");
        assertThat(SlackText.withMentionInBold("No match <here>", "CECOT", 3000)).isEqualTo("No match &lt;here&gt;");
    }
}

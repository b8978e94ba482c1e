package dev.mediawatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mediawatch.kafka.Json;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class IngestCommandsTest {

    private final StringWriter out = new StringWriter();

    private int run(Object command, String... args) {
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    private static String fixture(String name) throws Exception {
        return Path.of(IngestCommandsTest.class.getResource("/ingest/" + name).toURI()).toString();
    }

    @Test
    void extractPrintsOneJsonLinePerInputAndFailsForTheBadOne() throws Exception {
        int exit = run(new ExtractCommand(), "--json", fixture("news-article.html"), "/no/such/file.html");

        String[] lines = out.toString().strip().split("\n");
        assertThat(exit).isEqualTo(1);
        assertThat(lines).hasSize(2);
        JsonNode page = Json.mapper().readTree(lines[0]);
        assertThat(page.get("title").asText()).isEqualTo("Judge questions officials over CECOT transfers");
        assertThat(page.get("articleId").asText()).matches("[0-9a-f]{32}");
        assertThat(page.get("publishedAt").asText()).isEqualTo("2025-04-14T16:00:00Z");
        assertThat(Json.mapper().readTree(lines[1]).get("error").asText()).contains("no such file");
    }

    @Test
    void extractRefusesLoopbackUrlsByDefault() {
        int exit = run(new ExtractCommand(), "--json", "http://127.0.0.1:9/");

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains("BLOCKED");
    }

    @Test
    void feedsCheckListsEntries() throws Exception {
        int exit = run(new FeedsCheckCommand(), "--json", fixture("rss2.xml"));

        JsonNode result = Json.mapper().readTree(out.toString().strip());
        assertThat(exit).isZero();
        assertThat(result.get("title").asText()).isEqualTo("Example News — World");
        assertThat(result.get("entries")).hasSize(2);
        assertThat(result.get("entries").get(0).get("id").asText()).isEqualTo("example-news-10001");
    }

    @Test
    void feedsCheckReportsAnUnreadableFeed() throws Exception {
        int exit = run(new FeedsCheckCommand(), "--json", fixture("billion-laughs.xml"));

        assertThat(exit).isEqualTo(1);
        assertThat(Json.mapper().readTree(out.toString().strip()).get("error").asText()).contains("DOCTYPE");
    }
}

package dev.mediawatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mediawatch.ingest.Opml;
import dev.mediawatch.kafka.EmbeddedKafka;
import dev.mediawatch.kafka.Json;
import dev.mediawatch.kafka.TopicCatalog;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.kafka.TypedProducer;
import dev.mediawatch.model.FeedSource;
import dev.mediawatch.model.FeedStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code feeds} commands against a real embedded broker, as a user would run them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedsCommandsIT {
    @TempDir
    static Path dir;

    private EmbeddedKafka broker;

    @BeforeAll
    void start() throws Exception {
        broker = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            TopicCatalog.load().apply(admin);
        }
    }

    @AfterAll
    void stop() {
        broker.close();
    }

    /** Exit code, standard output, standard error of {@code mediawatch feeds ARGS --bootstrap-servers ...}. */
    private record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.isBlank() ? List.of() : Arrays.asList(out.strip().split("\n"));
        }
    }

    private Run feeds(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new FeedsCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = broker.bootstrapServers();
        return new Run(cli.execute(all), out.toString(), err.toString());
    }

    @Test
    void addListAndRemoveAFeed() throws Exception {
        Run added = feeds("add", "--id", "cli-wire", "--url", "https://wire.example/feed.xml", "--outlet", "CLI Wire",
                "--interval", "10m");
        assertThat(added.exit()).as(added.err()).isZero();
        assertThat(added.out()).contains("added cli-wire");

        Run table = feeds("list");
        assertThat(table.lines().get(0)).startsWith("ID").contains("OUTLET").contains("INTERVAL").contains("URL");
        assertThat(table.out()).containsPattern("cli-wire\\s+CLI Wire\\s+10m\\s+https://wire.example/feed.xml");

        Run json = feeds("list", "--json");
        JsonNode feed = json.lines().stream().map(FeedsCommandsIT::json)
                .filter(n -> n.get("id").asText().equals("cli-wire")).findFirst().orElseThrow();
        assertThat(feed.get("outlet").asText()).isEqualTo("CLI Wire");
        assertThat(feed.get("interval").asText()).isEqualTo("PT10M");

        assertThat(feeds("add", "--id", "cli-wire", "--url", "https://wire.example/feed.xml").out())
                .contains("updated cli-wire");

        Run removed = feeds("remove", "cli-wire");
        assertThat(removed.exit()).isZero();
        assertThat(feeds("list").out()).doesNotContain("cli-wire");
        Run again = feeds("remove", "cli-wire");
        assertThat(again.exit()).isEqualTo(Main.FAILURE);
        assertThat(again.err()).contains("no feed with id cli-wire");
    }

    @Test
    void addRefusesBadInputWithUsageErrorAndWritesNothing() {
        Run badUrl = feeds("add", "--id", "bad", "--url", "file:///etc/passwd");
        Run badId = feeds("add", "--id", "Bad Id", "--url", "https://ok.example/feed");
        Run badInterval = feeds("add", "--id", "bad2", "--url", "https://ok.example/feed", "--interval", "soon");

        assertThat(badUrl.exit()).isEqualTo(Main.USAGE);
        assertThat(badUrl.err()).contains("only http and https");
        assertThat(badId.exit()).isEqualTo(Main.USAGE);
        assertThat(badId.err()).contains("invalid id \"Bad Id\"");
        assertThat(badInterval.exit()).isEqualTo(Main.USAGE);
        assertThat(feeds("list").out()).doesNotContain("bad");
    }

    @Test
    void statusShowsEachFeedsHealth() throws Exception {
        feeds("add", "--id", "healthy-feed", "--url", "https://ok.example/rss");
        feeds("add", "--id", "broken-feed", "--url", "https://broken.example/rss");
        feeds("add", "--id", "new-feed", "--url", "https://new.example/rss");
        Instant t = Instant.parse("2025-04-14T12:00:00Z");
        try (TypedProducer producer = new TypedProducer(broker.bootstrapServers())) {
            producer.send(Topics.FEED_STATUS, "healthy-feed", new FeedStatus("healthy-feed", "https://ok.example/rss",
                    "\"e\"", null, "h", t, t, t.plusSeconds(300), "ok", 0, null, 42, Duration.ofMinutes(5), t, List.of()));
            producer.send(Topics.FEED_STATUS, "broken-feed", new FeedStatus("broken-feed", "https://broken.example/rss",
                    null, null, null, t, null, t.plusSeconds(600), "http-status", 3, "HTTP 503", 0, null, null, List.of()));
            producer.flush();
        }

        Run table = feeds("status");
        assertThat(table.exit()).isZero();
        assertThat(table.lines().get(0)).contains("FEED").contains("RESULT").contains("LAST SUCCESS")
                .contains("LAST ERROR").contains("FAILURES").contains("ITEMS").contains("NEXT POLL");
        assertThat(table.out()).containsPattern("healthy-feed\\s+ok\\s+2025-04-14T12:00:00Z\\s+-\\s+0\\s+42\\s+2025-04-14T12:05:00Z");
        assertThat(table.out()).containsPattern("broken-feed\\s+http-status\\s+-\\s+HTTP 503\\s+3\\s+0\\s+2025-04-14T12:10:00Z");
        assertThat(table.out()).containsPattern("new-feed\\s+never polled");

        JsonNode broken = feeds("status", "--json").lines().stream().map(FeedsCommandsIT::json)
                .filter(n -> n.get("feed").asText().equals("broken-feed")).findFirst().orElseThrow();
        assertThat(broken.get("healthy").asBoolean()).isFalse();
        assertThat(broken.get("consecutiveFailures").asInt()).isEqualTo(3);
        assertThat(broken.get("lastError").asText()).isEqualTo("HTTP 503");
    }

    @Test
    void opmlImportExportAndReimportRoundTrips() throws Exception {
        Path opml = Path.of(FeedsCommandsIT.class.getResource("/ingest/subscriptions.opml").toURI());

        Run imported = feeds("import-opml", opml.toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("added reuters-world").contains("added the-new-york-times-us")
                .contains("9 feeds in subscriptions.opml: 7 added, 1 already registered or repeated, 1 not http(s)");
        assertThat(feeds("import-opml", opml.toString()).out()).contains("0 added");

        Run exported = feeds("export-opml");
        List<FeedSource> fromExport = Opml.toFeeds(Opml.read(exported.out().getBytes(StandardCharsets.UTF_8)),
                new HashSet<>());
        List<FeedSource> registered = feeds("list", "--json").lines().stream()
                .map(l -> read(l, FeedSource.class)).toList();
        assertThat(fromExport).containsExactlyInAnyOrderElementsOf(registered);
        assertThat(fromExport).extracting(FeedSource::url).contains("https://elfaro.example/en/feed/?tag=immigration&lang=en");

        Path file = dir.resolve("export.opml");
        assertThat(feeds("export-opml", "--output", file.toString()).exit()).isZero();
        assertThat(Files.readString(file)).isEqualTo(exported.out().replaceAll("<dateCreated>[^<]*</dateCreated>",
                Files.readString(file).replaceAll("(?s).*(<dateCreated>[^<]*</dateCreated>).*", "$1")));
    }

    @Test
    void importRefusesAFileThatIsNotOpml() throws Exception {
        Path notOpml = Files.writeString(dir.resolve("not.opml"), "<html><body>hi</body></html>");

        Run run = feeds("import-opml", notOpml.toString());

        assertThat(run.exit()).isEqualTo(Main.USAGE);
        assertThat(run.err()).contains("not OPML");
    }

    @Test
    void anUnreachableClusterIsAClearFailure() {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new FeedsCommand());
        cli.setOut(new PrintWriter(new StringWriter()));
        cli.setErr(new PrintWriter(err));

        int exit = cli.execute("list", "--bootstrap-servers", "127.0.0.1:1", "--timeout", "2s");

        assertThat(exit).isEqualTo(Main.FAILURE);
        assertThat(err.toString()).contains("cannot read mediawatch.feeds from 127.0.0.1:1 within 2s");
    }

    private static JsonNode json(String line) {
        return read(line, JsonNode.class);
    }

    private static <T> T read(String line, Class<T> type) {
        try {
            return Json.mapper().readValue(line, type);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}

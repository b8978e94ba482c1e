package dev.mediawatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mediawatch.kafka.EmbeddedKafka;
import dev.mediawatch.kafka.TopicCatalog;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.kafka.TypedProducer;
import dev.mediawatch.metrics.MediawatchMetrics;
import dev.mediawatch.model.FeedSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Two pollers on one embedded broker share ten loopback feeds: each feed is polled by exactly one
 * of them; when one stops, the other takes its feeds over with their status (it sends the ETag the
 * first one received). A broken feed shows in the health table and the failure metric.
 */
class TwoPollersIT {
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(1);
    private static final List<String> FEEDS = IntStream.range(0, 9).mapToObj(i -> "feed-" + i).toList();
    private static final String BROKEN = "broken";

    @TempDir
    Path dir;

    /** One request the loopback site received. */
    private record Hit(String feed, String userAgent, String ifNoneMatch, long nanos) {
    }

    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private HttpServer site;
    private EmbeddedKafka broker;

    @BeforeEach
    void start() throws Exception {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/feeds/", this::serveFeed);
        site.createContext("/pages/", ex -> respond(ex, 200, "text/html; charset=utf-8", null,
                "<html><body><article><p>An article about the story, long enough to be text.</p></article></body></html>"));
        site.start();
        broker = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            TopicCatalog.load().apply(admin);
        }
        try (TypedProducer producer = new TypedProducer(broker.bootstrapServers())) {
            for (String id : all()) {
                producer.send(Topics.FEEDS, id, new FeedSource(id, base() + "/feeds/" + id, "Outlet " + id,
                        Duration.ofSeconds(2)));
            }
            producer.flush();
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
        broker.close();
        site.stop(0);
    }

    private static List<String> all() {
        List<String> ids = new ArrayList<>(FEEDS);
        ids.add(BROKEN);
        return ids;
    }

    private String base() {
        return "http://127.0.0.1:" + site.getAddress().getPort();
    }

    private void serveFeed(HttpExchange ex) throws IOException {
        String feed = ex.getRequestURI().getPath().substring("/feeds/".length());
        String inm = ex.getRequestHeaders().getFirst("If-None-Match");
        hits.add(new Hit(feed, ex.getRequestHeaders().getFirst("User-Agent"), inm, System.nanoTime()));
        String etag = "\"" + feed + "-v1\"";
        if (feed.equals(BROKEN)) {
            respond(ex, 503, "text/plain", null, "down for maintenance");
        } else if (etag.equals(inm)) {
            respond(ex, 304, null, etag, "");
        } else {
            respond(ex, 200, "application/rss+xml", etag, """
                    <?xml version="1.0"?><rss version="2.0"><channel><title>%1$s</title>
                    <item><title>Story on %1$s</title><link>%2$s/pages/%1$s</link><guid>%1$s-1</guid></item>
                    </channel></rss>""".formatted(feed, base()));
        }
    }

    private static void respond(HttpExchange ex, int status, String type, String etag, String body) throws IOException {
        try (ex) {
            if (type != null) ex.getResponseHeaders().set("Content-Type", type);
            if (etag != null) ex.getResponseHeaders().set("ETag", etag);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    private FeedPoller poller(String name) {
        FetchPolicy policy = new FetchPolicy(true, Duration.ofSeconds(2), Duration.ofSeconds(5), 1024 * 1024, 3, name);
        HttpFetcher fetcher = new HttpFetcher(policy, new HostLimiter(2, 50, Duration.ofSeconds(30)));
        PollSchedule schedule = new PollSchedule(Duration.ofSeconds(2), MIN_INTERVAL, Duration.ofSeconds(4));
        FeedPoller poller = new FeedPoller(broker.bootstrapServers(), fetcher, schedule, Clock.systemUTC(), 4);
        closeables.add(fetcher);
        closeables.add(poller);
        poller.start();
        return poller;
    }

    /** The hits from index {@code from} on, as a snapshot (the live list keeps growing). */
    private List<Hit> since(int from) {
        List<Hit> snapshot = List.copyOf(hits);
        return snapshot.subList(from, snapshot.size());
    }

    private List<Hit> hitsOf(String feed) {
        return hits.stream().filter(h -> h.feed().equals(feed)).toList();
    }

    @Test
    void twoPollersShareTheFeedsAndOneTakesOverWhenTheOtherStops() {
        double brokenFailuresBefore = MediawatchMetrics.FEED_POLL_FAILURES.labelValues(BROKEN, "http-status").get();
        FeedPoller a = poller("poller-a");
        FeedPoller b = poller("poller-b");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Set<String> union = new HashSet<>(a.ownedFeeds());
            union.addAll(b.ownedFeeds());
            assertThat(b.ownedFeeds()).isNotEmpty();
            assertThat(a.ownedFeeds()).isNotEmpty().doesNotContainAnyElementsOf(b.ownedFeeds());
            assertThat(union).containsExactlyInAnyOrderElementsOf(all());
        });
        Map<String, String> owner = new java.util.HashMap<>();
        a.ownedFeeds().forEach(f -> owner.put(f, "poller-a"));
        b.ownedFeeds().forEach(f -> owner.put(f, "poller-b"));
        int settled = hits.size();

        // Every feed is polled again, each by its owner alone.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                all().stream().allMatch(f -> since(settled).stream().anyMatch(h -> h.feed().equals(f))));
        for (Hit h : since(settled)) {
            assertThat(h.userAgent()).as("poller of %s", h.feed()).isEqualTo(owner.get(h.feed()));
        }

        Set<String> fromA = a.ownedFeeds();
        int beforeTakeOver = hits.size();
        a.close();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(b.ownedFeeds()).containsExactlyInAnyOrderElementsOf(all());
            for (String feed : fromA) {
                if (feed.equals(BROKEN)) continue;
                // The new owner continues conditional GET with the validators the old one stored.
                assertThat(since(beforeTakeOver)).anySatisfy(h -> {
                    assertThat(h.feed()).isEqualTo(feed);
                    assertThat(h.userAgent()).isEqualTo("poller-b");
                    assertThat(h.ifNoneMatch()).isEqualTo("\"" + feed + "-v1\"");
                });
            }
        });

        // Never two polls of one feed within its minimum interval, by one poller or two, over the whole run.
        for (String feed : all()) {
            List<Hit> seq = hitsOf(feed);
            for (int i = 1; i < seq.size(); i++) {
                long gapMillis = (seq.get(i).nanos() - seq.get(i - 1).nanos()) / 1_000_000;
                assertThat(gapMillis).as("gap between polls %d and %d of %s", i - 1, i, feed)
                        .isGreaterThanOrEqualTo(MIN_INTERVAL.toMillis() - 100);
            }
        }

        // The broken feed is kept being tried, shows as failing in the health table and in the metric.
        assertThat(hitsOf(BROKEN).size()).isGreaterThanOrEqualTo(2);
        assertThat(MediawatchMetrics.FEED_POLL_FAILURES.labelValues(BROKEN, "http-status").get())
                .isGreaterThan(brokenFailuresBefore);
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new dev.mediawatch.cli.Main());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("feeds", "status", "--bootstrap-servers", broker.bootstrapServers())).isZero();
        assertThat(out.toString()).containsPattern(BROKEN + "\\s+http-status\\s+-\\s+HTTP 503\\s+[1-9]");
        assertThat(out.toString()).containsPattern("feed-0\\s+(ok|not-modified)\\s+20\\d\\d-");
    }
}

package dev.mediawatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.mediawatch.kafka.EmbeddedKafka;
import dev.mediawatch.kafka.TopicCatalog;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.kafka.TypedProducer;
import dev.mediawatch.model.FeedSource;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many feeds of one host, one request slot for that host, and feeds that are due again at once:
 * every feed must still get its turn (the longest overdue goes first), none may starve.
 */
class PollFairnessIT {
    private static final int FEEDS = 20;

    @TempDir
    Path dir;

    @Test
    void everyFeedOfABusyHostGetsItsTurn() throws Exception {
        Set<String> polled = ConcurrentHashMap.newKeySet();
        HttpServer site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/feeds/", ex -> {
            polled.add(ex.getRequestURI().getPath());
            byte[] body = """
                    <?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>"""
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
        try (EmbeddedKafka broker = EmbeddedKafka.start(dir, 0)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers()))) {
                TopicCatalog.load().apply(admin);
            }
            try (TypedProducer producer = new TypedProducer(broker.bootstrapServers())) {
                for (int i = 0; i < FEEDS; i++) {
                    String id = "feed-" + i;
                    producer.send(Topics.FEEDS, id, new FeedSource(id, "http://127.0.0.1:" + site.getAddress().getPort()
                            + "/feeds/" + id, "Outlet", Duration.ofMillis(100)));
                }
                producer.flush();
            }
            FetchPolicy policy = new FetchPolicy(true, Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20, 3, "fair");
            // One request at a time towards the host; feeds due again 100 ms after each poll.
            try (HttpFetcher fetcher = new HttpFetcher(policy, new HostLimiter(1, 1000, Duration.ofSeconds(30)));
                 FeedPoller poller = new FeedPoller(broker.bootstrapServers(), fetcher,
                         new PollSchedule(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(200)),
                         Clock.systemUTC(), 4)) {
                poller.start();
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(polled).hasSize(FEEDS));
            }
        } finally {
            site.stop(0);
        }
    }
}

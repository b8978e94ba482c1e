package dev.mediawatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mediawatch.kafka.EmbeddedKafka;
import dev.mediawatch.kafka.Json;
import dev.mediawatch.kafka.TopicCatalog;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.kafka.TypedProducer;
import dev.mediawatch.model.Alert;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/alerts/stream} read by a plain java.net.http client, as a dashboard would, with resume. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AlertStreamIT {
    @TempDir
    static Path dir;

    private EmbeddedKafka broker;
    private TypedProducer producer;
    private ApiServer api;
    private AlertStreamHandler handler;
    private final HttpClient client = HttpClient.newHttpClient();

    /** One open stream: events parsed as they arrive. */
    private static final class SseClient implements AutoCloseable {
        record Event(String id, String event, String data) {
        }

        final List<Event> events = new CopyOnWriteArrayList<>();
        final List<String> comments = new CopyOnWriteArrayList<>();
        private final InputStream body;
        final int status;

        SseClient(HttpResponse<InputStream> response) {
            this.status = response.statusCode();
            this.body = response.body();
            Thread reader = new Thread(this::read, "sse-test-client");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String id = null, event = null;
                StringBuilder data = new StringBuilder();
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.isEmpty()) {
                        if (data.length() > 0) events.add(new Event(id, event, data.toString()));
                        id = null;
                        event = null;
                        data.setLength(0);
                    } else if (line.startsWith(":")) {
                        comments.add(line);
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    } else if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    }
                }
            } catch (Exception e) {
                // closed by the test
            }
        }

        List<String> alertIds() {
            return events.stream().map(e -> {
                try {
                    return Json.mapper().readTree(e.data()).get("alertId").asText();
                } catch (Exception ex) {
                    throw new AssertionError(ex);
                }
            }).toList();
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }

    @BeforeAll
    void start() throws Exception {
        broker = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            TopicCatalog.load().apply(admin);
        }
        producer = new TypedProducer(broker.bootstrapServers());
        handler = new AlertStreamHandler(broker.bootstrapServers(), Duration.ofMillis(500));
        api = ApiServer.start("127.0.0.1", 0, () -> true).route("/api/alerts/stream", handler);
    }

    @AfterAll
    void stop() {
        if (handler != null) handler.close();
        if (api != null) api.close();
        if (producer != null) producer.close();
        if (broker != null) broker.close();
    }

    @Test
    void resumesAfterTheLastEventSeenAndFiltersBySubscription() throws Exception {
        publish("s1", "desk");
        publish("s2", "other-desk");
        publish("s3", "desk");
        String lastId;
        try (SseClient first = open("?from=beginning&subscription=desk", null)) {
            assertThat(first.status).isEqualTo(200);
            await().atMost(Duration.ofSeconds(20)).until(() -> first.events.size() >= 2);
            assertThat(first.alertIds()).containsExactly("s1", "s3");
            assertThat(first.events).allMatch(e -> "alert".equals(e.event()) && e.id().matches("\\d+:\\d+(,\\d+:\\d+)*"));
            lastId = first.events.get(1).id();
            // Idle streams get a comment line now and then, so proxies keep them open.
            await().atMost(Duration.ofSeconds(5)).until(() -> first.comments.contains(": keep-alive"));
        }
        publish("s4", "desk");
        publish("s5", "other-desk");
        publish("s6", "desk");
        try (SseClient resumed = open("?subscription=desk", lastId)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> resumed.events.size() >= 2);
            assertThat(resumed.alertIds()).containsExactly("s4", "s6");
        }
        // The id is where that client's reading stood in every partition: without the filter, resuming from it
        // also yields the other desk's alert it had not reached yet, and nothing it had already seen.
        try (SseClient all = open("", lastId)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> all.events.size() >= 4);
            assertThat(all.alertIds()).containsExactlyInAnyOrder("s2", "s4", "s5", "s6");
        }
    }

    @Test
    void aNewClientGetsOnlyAlertsFromNowOn() throws Exception {
        publish("old-1", "live");
        try (SseClient live = open("?subscription=live", null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> live.comments.stream().anyMatch(c -> c.startsWith(": position")));
            publish("new-1", "live");
            await().atMost(Duration.ofSeconds(20)).until(() -> live.events.size() >= 1);
            assertThat(live.alertIds()).containsExactly("new-1");
        }
    }

    @Test
    void aMalformedLastEventIdIsRefusedClearly() throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri("")).header("Last-Event-ID", "yesterday")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Last-Event-ID must read partition:offset");
    }

    private SseClient open(String query, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(query)).header("Accept", "text/event-stream");
        if (lastEventId != null) request.header("Last-Event-ID", lastEventId);
        return new SseClient(client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    private URI uri(String query) {
        return URI.create("http://127.0.0.1:" + api.address().getPort() + "/api/alerts/stream" + query);
    }

    private void publish(String id, String subscription) {
        Alert alert = new Alert(id, Alert.KIND_ENTITY, subscription, "a-" + id, "s-" + id, "https://news.example/" + id,
                "Title " + id, "Outlet", Instant.parse("2025-04-14T12:00:00Z"), Instant.now(), List.of("cecot"),
                "snippet", "reason");
        producer.send(Topics.ALERTS, subscription, alert);
        producer.flush();
    }
}

package dev.mediawatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mediawatch.config.ConfigLoader;
import dev.mediawatch.config.MediawatchConfig;
import dev.mediawatch.kafka.Json;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.stream.MediawatchTopology;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two stream instances on one cluster, each holding some of the partitions: either instance's API
 * answers a coverage or co-mention query in full, asking the other for the state it holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutIT {
    /** Entities named by the articles, with how many articles name each. */
    private static final Map<String, Integer> ARTICLES = new LinkedHashMap<>();

    static {
        String[] ids = {"cecot", "bukele", "rubio", "ms-13", "tren-de-aragua", "abrego-garcia", "boasberg", "xinis",
                "noem"};
        for (int i = 0; i < ids.length; i++) ARTICLES.put(ids[i], 1 + i % 4);
    }

    @TempDir
    static Path dir;

    private MediawatchService first;
    private MediawatchService second;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Instant published = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));

    @BeforeAll
    void start() throws Exception {
        StringBuilder entities = new StringBuilder("entities:\n");
        for (String id : ARTICLES.keySet()) {
            entities.append("  - { id: ").append(id).append(", name: \"Name").append(id.replace("-", ""))
                    .append("\", type: person }\n");
        }
        Path config = Files.writeString(dir.resolve("mediawatch.yaml"), "http: { host: 127.0.0.1, port: 0 }\n" + entities);
        MediawatchConfig embedded = ConfigLoader.load(config).withKafka(new MediawatchConfig.KafkaSettings("", 0));
        first = MediawatchService.start(embedded, MediawatchService.Options.of(dir.resolve("first"),
                EnumSet.of(Role.STREAM), new PrintStream(OutputStream.nullOutputStream())));
        MediawatchConfig joining = ConfigLoader.load(config)
                .withKafka(new MediawatchConfig.KafkaSettings(first.bootstrapServers(), 0));
        second = MediawatchService.start(joining, MediawatchService.Options.of(dir.resolve("second"),
                EnumSet.of(Role.STREAM), new PrintStream(OutputStream.nullOutputStream())));
    }

    @AfterAll
    void stop() {
        if (second != null) second.close();
        if (first != null) first.close();
    }

    private JsonNode get(MediawatchService s, String pathAndQuery) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + s.httpPort() + pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    @Test
    void eitherInstanceAnswersForTheStateTheOtherHolds() throws Exception {
        // both instances running, each with some of the entities' partitions
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            if (first.streams().state() != KafkaStreams.State.RUNNING
                    || second.streams().state() != KafkaStreams.State.RUNNING) return false;
            Set<HostInfo> owners = new HashSet<>();
            for (String id : ARTICLES.keySet()) {
                owners.add(first.streams().queryMetadataForKey(MediawatchTopology.COVERAGE_HOURLY_STORE, id,
                        Serdes.String().serializer()).activeHost());
            }
            return owners.size() == 2 && !owners.contains(HostInfo.unavailable());
        });

        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, first.bootstrapServers());
        int n = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (var e : ARTICLES.entrySet()) {
                for (int i = 0; i < e.getValue(); i++) {
                    String id = "scale-" + (++n);
                    // each article names its entity and CECOT
                    String text = "Name" + e.getKey().replace("-", "") + " spoke. Namececot was named too, story " + n + ".";
                    producer.send(new ProducerRecord<>(Topics.ARTICLES_RAW.name(), id, Json.mapper().writeValueAsString(
                            Map.of("articleId", id, "feedId", "manual", "url", "https://example.org/" + id,
                                    "title", "Report " + n, "outlet", "Wire " + (n % 3), "publishedAt",
                                    published.plusSeconds(n).toString(), "text", text))));
                }
            }
        }
        int articles = n;
        String range = "&window=1h&since=" + published.minus(Duration.ofHours(1)) + "&until=" + published.plus(Duration.ofHours(2));
        for (MediawatchService asked : List.of(first, second)) {
            for (var e : ARTICLES.entrySet()) {
                int expected = e.getKey().equals("cecot") ? articles : e.getValue();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                        assertThat(get(asked, "/api/coverage?entity=" + e.getKey() + range).get("total").asInt())
                                .as("%s asked on port %d", e.getKey(), asked.httpPort()).isEqualTo(expected));
            }
            // CECOT's partners are counted in the tasks of whichever entity of each pair sorts first: both instances
            JsonNode with = get(asked, "/api/comentions?entity=cecot&since=" + published.minus(Duration.ofHours(1))
                    + "&until=" + published.plus(Duration.ofHours(2))).get("with");
            for (var e : ARTICLES.entrySet()) {
                if (e.getKey().equals("cecot")) continue;
                assertThat(with.path(e.getKey()).asInt()).as("%s with cecot", e.getKey()).isEqualTo(e.getValue());
            }
        }
    }
}

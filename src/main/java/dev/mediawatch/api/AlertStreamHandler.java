package dev.mediawatch.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mediawatch.kafka.JsonSerde;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.Alert;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/alerts/stream[?subscription=ID][&from=beginning]}: Server-Sent Events of alerts for
 * dashboards and wall screens. Each event is {@code event: alert}, {@code data: <alert JSON>} and an
 * {@code id:} that is a {@link StreamPosition}: a client that reconnects with {@code Last-Event-ID} (browsers'
 * EventSource do so by themselves) goes on right after the last alert it saw. Without it the stream starts
 * with the next new alert, or the oldest kept with {@code from=beginning}. A comment line every
 * {@code heartbeat} keeps proxies from closing an idle stream and notices clients that left.
 */
public final class AlertStreamHandler implements HttpHandler, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertStreamHandler.class);
    public static final int MAX_STREAMS = 32;

    private final String bootstrapServers;
    private final Duration heartbeat;
    private final Semaphore slots = new Semaphore(MAX_STREAMS);
    private final Set<KafkaConsumer<?, ?>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    public AlertStreamHandler(String bootstrapServers, Duration heartbeat) {
        this.bootstrapServers = bootstrapServers;
        this.heartbeat = heartbeat;
    }

    public AlertStreamHandler(String bootstrapServers) {
        this(bootstrapServers, Duration.ofSeconds(15));
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("GET")) {
            ex.getResponseHeaders().set("Allow", "GET");
            ApiServer.respond(ex, 405, "{\"error\":\"method not allowed; use GET\"}");
            return;
        }
        Map<String, String> params = Query.parse(ex.getRequestURI());
        String lastEventId = ex.getRequestHeaders().getFirst("Last-Event-ID");
        if (lastEventId == null) lastEventId = params.get("lastEventId");
        StreamPosition resume;
        try {
            resume = lastEventId == null || lastEventId.isBlank() ? null : StreamPosition.parse(lastEventId);
        } catch (IllegalArgumentException e) {
            ApiServer.respond(ex, 400, com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                    .put("error", e.getMessage()).toString());
            return;
        }
        if (!slots.tryAcquire()) {
            ApiServer.respond(ex, 503, "{\"error\":\"too many open alert streams; try again later\"}");
            return;
        }
        try {
            stream(ex, resume, params.get("subscription"), "beginning".equals(params.get("from")));
        } finally {
            slots.release();
        }
    }

    private void stream(HttpExchange ex, StreamPosition resume, String subscription, boolean fromBeginning)
            throws IOException {
        JsonSerde<Alert> serde = (JsonSerde<Alert>) Topics.ALERTS.valueSerde();
        KafkaConsumer<String, byte[]> consumer = consumer();
        open.add(consumer);
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            StreamPosition position = seek(consumer, partitions, resume, fromBeginning);
            ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            write(out, "retry: 2000\n: position " + position + "\n\n");
            long lastWrite = System.nanoTime();
            while (running) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(250))) {
                    position = position.with(r.partition(), r.offset() + 1);
                    if (subscription != null && !subscription.equals(r.key())) continue;
                    if (!readable(serde, r)) continue;
                    write(out, "id: " + position + "\nevent: alert\ndata: "
                            + new String(r.value(), StandardCharsets.UTF_8) + "\n\n");
                    lastWrite = System.nanoTime();
                }
                if (System.nanoTime() - lastWrite > heartbeat.toNanos()) {
                    write(out, ": keep-alive\n\n");
                    lastWrite = System.nanoTime();
                }
            }
        } catch (IOException e) {
            LOG.debug("alert stream client went away: {}", e.toString());
        } catch (WakeupException e) {
            // server stopping
        } finally {
            open.remove(consumer);
            consumer.close(Duration.ofSeconds(2));
            ex.close();
        }
    }

    private StreamPosition seek(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                                StreamPosition resume, boolean fromBeginning) {
        if (resume == null) {
            if (fromBeginning) consumer.seekToBeginning(partitions);
            else consumer.seekToEnd(partitions);
        } else {
            for (TopicPartition tp : partitions) {
                Long next = resume.next().get(tp.partition());
                // A partition the id does not name is newer than the id: all of it is new to the client.
                if (next == null) consumer.seekToBeginning(List.of(tp));
                else consumer.seek(tp, next);
            }
        }
        Map<Integer, Long> at = new HashMap<>();
        for (TopicPartition tp : partitions) at.put(tp.partition(), consumer.position(tp));
        return new StreamPosition(at);
    }

    private static boolean readable(JsonSerde<Alert> serde, ConsumerRecord<String, byte[]> r) {
        try {
            return serde.fromBytes(r.value()) != null;
        } catch (SerializationException e) {
            LOG.warn("alert stream: skipping unreadable record at {}-{}@{}", r.topic(), r.partition(), r.offset());
            return false;
        }
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        running = false;
        open.forEach(KafkaConsumer::wakeup);
    }
}

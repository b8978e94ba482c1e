package dev.mediawatch.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mediawatch.config.Durations;
import dev.mediawatch.kafka.Json;
import dev.mediawatch.stream.CoMentions;
import dev.mediawatch.stream.MediawatchTopology;
import dev.mediawatch.stream.OutletCounts;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * {@code GET /api/coverage?entity=cecot&window=1h&since=24h[&until=INSTANT][&outlet=NAME]}: articles on
 * an entity per window of publication time, answered from the stream's window stores (5-minute
 * buckets kept 3 days, hourly ones 35 days, counted back from the newest article seen). {@code since}
 * is a duration back from {@code until} (default now) or an ISO-8601 instant. {@code GET /api/comentions?entity=cecot&since=24h}: the entities
 * named with it, and how often.
 *
 * <p>With several stream instances each holds some partitions: a coverage query goes to the instance
 * that holds the entity's (found from the stream's metadata, each instance's {@code application.server}
 * being its API address), and a co-mention query, whose pairs are counted in the tasks of their first
 * entities, asks every instance and adds up. A forwarded request carries {@link #FORWARDED} and is
 * answered from local state only, so a rebalance in between cannot make requests go round.
 */
public final class CoverageApi {
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final int MAX_BUCKETS = 2_000;

    /** Header of a request one instance forwards to another: answer from local state, forward nothing. */
    static final String FORWARDED = "X-Mediawatch-Forwarded";
    private static final Duration REMOTE_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaStreams streams;
    private final Clock clock;
    private final HostInfo self;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REMOTE_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** For a stream alone (one instance, or tests): every query answered from local state. */
    public CoverageApi(KafkaStreams streams, Clock clock) {
        this(streams, clock, null);
    }

    /** @param self this instance's {@code application.server}, or null to answer everything locally */
    public CoverageApi(KafkaStreams streams, Clock clock, HostInfo self) {
        this.streams = streams;
        this.clock = clock;
        this.self = self;
    }

    public HttpHandler coverage() {
        return ex -> handle(ex, p -> {
            if (self == null || forwarded(ex)) return coverage(p);
            String entity = Params.required(p, "entity");
            KeyQueryMetadata owner = streams.queryMetadataForKey(MediawatchTopology.COVERAGE_HOURLY_STORE, entity,
                    Serdes.String().serializer());
            if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE)
                    || owner.activeHost().equals(HostInfo.unavailable())) {
                throw new InvalidStateStoreException("no instance holds the entity's partition yet");
            }
            if (owner.activeHost().equals(self)) return coverage(p);
            return Json.mapper().readTree(remote(owner.activeHost(), ex.getRequestURI().getRawPath(),
                    ex.getRequestURI().getRawQuery()));
        });
    }

    public HttpHandler comentions() {
        return ex -> handle(ex, p -> {
            if (self == null || forwarded(ex)) return comentions(p);
            // every instance with the same since and until, then summed
            Instant until = until(p);
            Instant from = since(p, until);
            Map<String, String> fixed = new LinkedHashMap<>(p);
            fixed.put("until", until.toString());
            fixed.put("since", from.toString());
            @SuppressWarnings("unchecked")
            Map<String, Object> answer = (Map<String, Object>) comentions(fixed);
            @SuppressWarnings("unchecked")
            Map<String, Long> partners = (Map<String, Long>) answer.get("with");
            for (StreamsMetadata instance : streams.metadataForAllStreamsClients()) {
                if (instance.hostInfo().equals(self)
                        || !instance.stateStoreNames().contains(MediawatchTopology.COMENTIONS_HOURLY_STORE)) continue;
                var remote = Json.mapper().readTree(remote(instance.hostInfo(), ex.getRequestURI().getRawPath(),
                        query(fixed)));
                remote.path("with").fields().forEachRemaining(e -> partners.merge(e.getKey(), e.getValue().asLong(),
                        Long::sum));
            }
            return answer;
        });
    }

    private interface Query {
        Object answer(Map<String, String> params) throws IOException, InterruptedException;
    }

    private static boolean forwarded(HttpExchange ex) {
        return ex.getRequestHeaders().getFirst(FORWARDED) != null;
    }

    private static void handle(HttpExchange ex, Query query) throws IOException {
        if (!"GET".equals(ex.getRequestMethod())) {
            ApiServer.respond(ex, 405, error("only GET"));
            return;
        }
        try {
            Object answer = query.answer(Params.of(ex.getRequestURI()));
            ApiServer.respond(ex, 200, Json.mapper().writeValueAsString(answer));
        } catch (IllegalArgumentException e) {
            ApiServer.respond(ex, 400, error(e.getMessage()));
        } catch (InvalidStateStoreException e) { // StreamsNotStartedException too
            ApiServer.respond(ex, 503, error("the stream is starting or rebalancing; try again shortly"));
        } catch (RemoteFailure e) {
            ApiServer.respond(ex, e.status, e.body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ApiServer.respond(ex, 503, error("interrupted"));
        }
    }

    /** The instance that holds the state answered other than 200, or not at all: its answer is passed on. */
    private static final class RemoteFailure extends IOException {
        final int status;
        final String body;

        RemoteFailure(int status, String body) {
            super(body, null);
            this.status = status;
            this.body = body;
        }
    }

    /** GET from another instance's API, marked forwarded; its body when it answers 200. */
    private String remote(HostInfo host, String path, String rawQuery) throws IOException, InterruptedException {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + path
                + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REMOTE_TIMEOUT).header(FORWARDED, "1").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new RemoteFailure(503, error("the instance at " + host.host() + ":" + host.port()
                    + " that holds part of the answer did not answer; try again shortly"));
        }
        if (response.statusCode() != 200) throw new RemoteFailure(response.statusCode(), response.body());
        return response.body();
    }

    private static String query(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> {
            if (q.length() > 0) q.append('&');
            q.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return q.toString();
    }

    private Object coverage(Map<String, String> p) {
        String entity = Params.required(p, "entity");
        Duration window = Durations.parse(p.getOrDefault("window", "1h"));
        String outlet = p.get("outlet");
        if (window.toMillis() % FIVE_MINUTES.toMillis() != 0) {
            throw new IllegalArgumentException("window must be a multiple of 5m");
        }
        boolean hourly = window.toMillis() % HOUR.toMillis() == 0;
        Instant until = until(p);
        Instant from = align(since(p, until), window);
        if (!until.isAfter(from)) throw new IllegalArgumentException("since must be before until");
        if (Duration.between(from, until).toMillis() / window.toMillis() > MAX_BUCKETS) {
            throw new IllegalArgumentException("at most " + MAX_BUCKETS + " buckets: widen the window or shorten the span");
        }
        TreeMap<Instant, OutletCounts> buckets = new TreeMap<>();
        for (Instant t = from; t.isBefore(until); t = t.plus(window)) buckets.put(t, OutletCounts.empty());
        ReadOnlyWindowStore<String, OutletCounts> store = streams.store(StoreQueryParameters.fromNameAndType(
                hourly ? MediawatchTopology.COVERAGE_HOURLY_STORE : MediawatchTopology.COVERAGE_5M_STORE,
                QueryableStoreTypes.windowStore()));
        try (WindowStoreIterator<OutletCounts> it = store.fetch(entity, from, until)) {
            while (it.hasNext()) {
                KeyValue<Long, OutletCounts> kv = it.next();
                Instant bucket = align(Instant.ofEpochMilli(kv.key), window);
                buckets.merge(bucket, only(kv.value, outlet), OutletCounts::plus);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        long total = 0;
        for (var b : buckets.entrySet()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("start", b.getKey());
            row.put("end", b.getKey().plus(window));
            row.put("count", b.getValue().total());
            row.put("byOutlet", b.getValue().byOutlet());
            rows.add(row);
            total += b.getValue().total();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("entity", entity);
        answer.put("window", Durations.format(window));
        answer.put("since", from);
        answer.put("until", until);
        if (outlet != null) answer.put("outlet", outlet);
        answer.put("total", total);
        answer.put("buckets", rows);
        return answer;
    }

    private Object comentions(Map<String, String> p) {
        String entity = Params.required(p, "entity");
        Instant until = until(p);
        Instant from = since(p, until);
        ReadOnlyWindowStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(
                MediawatchTopology.COMENTIONS_HOURLY_STORE, QueryableStoreTypes.windowStore()));
        Map<String, Long> partners = new TreeMap<>();
        try (KeyValueIterator<Windowed<String>, Long> it = store.fetchAll(from, until)) {
            while (it.hasNext()) {
                KeyValue<Windowed<String>, Long> kv = it.next();
                String[] pair = kv.key.key().split(java.util.regex.Pattern.quote(CoMentions.SEPARATOR), 2);
                if (pair.length != 2) continue;
                if (pair[0].equals(entity)) partners.merge(pair[1], kv.value, Long::sum);
                else if (pair[1].equals(entity)) partners.merge(pair[0], kv.value, Long::sum);
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("entity", entity);
        answer.put("since", from);
        answer.put("until", until);
        answer.put("with", partners);
        return answer;
    }

    /** {@code until}: an instant, default now. */
    private Instant until(Map<String, String> p) {
        String v = p.get("until");
        return v == null || v.isBlank() ? clock.instant() : instant("until", v);
    }

    /** {@code since}: a duration back from {@code until} ({@code 24h}, the default) or an instant. */
    private static Instant since(Map<String, String> p, Instant until) {
        String v = p.getOrDefault("since", "24h");
        return Character.isDigit(v.charAt(0)) && v.contains("T") ? instant("since", v) : until.minus(Durations.parse(v));
    }

    private static Instant instant(String name, String v) {
        try {
            return Instant.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be an ISO-8601 instant such as 2025-04-14T00:00:00Z");
        }
    }

    private static OutletCounts only(OutletCounts counts, String outlet) {
        if (outlet == null) return counts;
        long n = counts.byOutlet().getOrDefault(outlet, 0L);
        return new OutletCounts(n, n == 0 ? Map.of() : Map.of(outlet, n));
    }

    private static Instant align(Instant t, Duration window) {
        long ms = t.toEpochMilli();
        return Instant.ofEpochMilli(ms - Math.floorMod(ms, window.toMillis()));
    }

    private static String error(String message) {
        try {
            return Json.mapper().writeValueAsString(Map.of("error", message));
        } catch (IOException e) {
            return "{\"error\":\"bad request\"}";
        }
    }
}

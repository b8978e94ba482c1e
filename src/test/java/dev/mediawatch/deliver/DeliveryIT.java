package dev.mediawatch.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mediawatch.kafka.EmbeddedKafka;
import dev.mediawatch.kafka.Json;
import dev.mediawatch.kafka.TopicCatalog;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.kafka.TypedProducer;
import dev.mediawatch.metrics.MediawatchMetrics;
import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Channel;
import dev.mediawatch.model.Delivery;
import dev.mediawatch.model.Subscription;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dispatcher on the real embedded broker against Slack-compatible and webhook receivers on loopback
 * ({@link HookServer}): pacing and roll-up, 429/500/400/410, independence of channels, exactly-once
 * arrival across a restart, digests with an injected clock, signed webhooks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeliveryIT {
    private static final Pattern LINKED_ALERT = Pattern.compile("https://news\\.example/([\\w-]+)[|\"]");

    @TempDir
    static Path dir;

    private EmbeddedKafka broker;
    private TypedProducer producer;
    private HookServer hooks;
    private final HttpPoster http = new HttpPoster(true, Duration.ofSeconds(5));
    private final List<AlertDispatcher> running = new ArrayList<>();

    @BeforeAll
    void startBroker() throws Exception {
        broker = EmbeddedKafka.start(dir.resolve("kafka"), 0);
        try (Admin admin = admin()) {
            TopicCatalog.load().apply(admin);
        }
        producer = new TypedProducer(broker.bootstrapServers());
        hooks = new HookServer();
    }

    @AfterEach
    void stopDispatchers() {
        running.forEach(AlertDispatcher::close);
        running.clear();
    }

    @AfterAll
    void stopBroker() {
        if (hooks != null) hooks.close();
        if (producer != null) producer.close();
        if (broker != null) broker.close();
    }

    // ---- Slack ----

    @Test
    void burstIsPacedAtOneMessageASecondAndRolledUpIntoADigest() {
        subscribe("burst", slack("/burst"));
        AlertDispatcher d = dispatcher(Clock.systemUTC());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) ids.add(publish(TestAlerts.alert("burst-" + i, "burst")));
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsReceived("/burst").size() >= ids.size());

        List<HookServer.Request> requests = hooks.requests("/burst");
        assertThat(alertsReceived("/burst")).containsExactlyInAnyOrderElementsOf(ids);   // each exactly once
        assertThat(requests.size()).isLessThan(ids.size());
        assertThat(requests).anyMatch(r -> r.body().contains("alerts on") && r.body().contains("rolled up"));
        assertPaced(requests, Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(10)).until(() -> status(d, ids, Delivery.DELIVERED) == ids.size());
        assertThat(d.log().all()).filteredOn(x -> ids.contains(x.alertId()))
                .allMatch(x -> x.batchId() != null || x.attempts() == 1);
    }

    @Test
    void rateLimitedMessageWaitsRetryAfterThenGoesOn() {
        hooks.script("/limited", new HookServer.Reply(429, "rate_limited", Map.of("Retry-After", "1")));
        subscribe("limited", slack("/limited"));
        double before = MediawatchMetrics.SLACK_RATE_LIMITED.get();
        AlertDispatcher d = dispatcher(Clock.systemUTC());
        String id = publish(TestAlerts.alert("limited-1", "limited"));
        await().atMost(Duration.ofSeconds(20)).until(() -> hasStatus(d, id, Delivery.DELIVERED));

        List<HookServer.Request> requests = hooks.requests("/limited");
        assertThat(requests).hasSize(2);
        assertThat(Duration.between(requests.get(0).at(), requests.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(MediawatchMetrics.SLACK_RATE_LIMITED.get()).isGreaterThan(before);
        assertThat(d.log().get(id, ChannelKey.of(slack("/limited"))).orElseThrow().attempts()).isEqualTo(2);
    }

    @Test
    void serverErrorsAreRetriedAndBadRequestIsNot() {
        hooks.script("/flaky", HookServer.Reply.of(500, "internal_error"), HookServer.Reply.of(503, ""));
        hooks.always("/bad", HookServer.Reply.of(400, "invalid_payload"));
        subscribe("flaky", slack("/flaky"));
        subscribe("bad", slack("/bad"));
        AlertDispatcher d = dispatcher(Clock.systemUTC());
        String flaky = publish(TestAlerts.alert("flaky-1", "flaky"));
        String bad = publish(TestAlerts.alert("bad-1", "bad"));
        await().atMost(Duration.ofSeconds(20)).until(() -> hasStatus(d, flaky, Delivery.DELIVERED)
                && hasStatus(d, bad, Delivery.FAILED));

        assertThat(hooks.requests("/flaky")).hasSize(3);
        assertThat(hooks.requests("/bad")).hasSize(1);
        Delivery failed = d.log().get(bad, ChannelKey.of(slack("/bad"))).orElseThrow();
        assertThat(failed.error()).isEqualTo("Slack answered 400 invalid_payload").doesNotContain("127.0.0.1");
        assertThat(failed.reason()).isEqualTo("http-400");
    }

    @Test
    void goneChannelIsSentToOnceAndStaysDisabledAcrossARestart() {
        hooks.always("/gone", HookServer.Reply.of(410, "channel_is_archived"));
        subscribe("gone", slack("/gone"));
        AlertDispatcher first = dispatcher(Clock.systemUTC());
        String a = publish(TestAlerts.alert("gone-1", "gone"));
        await().atMost(Duration.ofSeconds(20)).until(() -> hasStatus(first, a, Delivery.FAILED));
        assertThat(MediawatchMetrics.CHANNELS_DISABLED.labelValues("slack").get()).isGreaterThanOrEqualTo(1);
        String b = publish(TestAlerts.alert("gone-2", "gone"));
        await().atMost(Duration.ofSeconds(20)).until(() -> hasStatus(first, b, Delivery.DISABLED));
        stop(first);

        AlertDispatcher second = dispatcher(Clock.systemUTC());
        String c = publish(TestAlerts.alert("gone-3", "gone"));
        await().atMost(Duration.ofSeconds(20)).until(() -> hasStatus(second, c, Delivery.DISABLED));
        assertThat(hooks.requests("/gone")).hasSize(1);
    }

    @Test
    void aHangingChannelDoesNotDelayAnother() {
        CountDownLatch release = hooks.hold("/hanging");
        subscribe("pair", slack("/hanging"), slack("/prompt"));
        AlertDispatcher d = dispatcher(Clock.systemUTC());
        String first = publish(TestAlerts.alert("pair-1", "pair"));
        String second = publish(TestAlerts.alert("pair-2", "pair"));
        await().atMost(Duration.ofSeconds(20)).until(() -> alertsReceived("/prompt").containsAll(List.of(first, second)));
        assertThat(d.log().get(first, ChannelKey.of(slack("/hanging")))).as("still waiting on /hanging").isEmpty();
        release.countDown();
        await().atMost(Duration.ofSeconds(20)).until(() -> alertsReceived("/hanging").containsAll(List.of(first, second))
                && status(d, List.of(first, second), Delivery.DELIVERED) == 4);
    }

    @Test
    void everyAlertArrivesExactlyOnceAcrossARestartThatLostItsCommits() throws Exception {
        subscribe("restart", slack("/restart"));
        AlertDispatcher first = dispatcher(Clock.systemUTC());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) ids.add(publish(TestAlerts.alert("restart-" + i, "restart")));
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsReceived("/restart").size() == 4);
        stop(first);
        // As if the process died after sending and recording but before committing: rewind the group.
        rewindDispatcherGroup();

        AlertDispatcher second = dispatcher(Clock.systemUTC());
        for (int i = 4; i < 8; i++) ids.add(publish(TestAlerts.alert("restart-" + i, "restart")));
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsReceived("/restart").size() >= 8);
        await().atMost(Duration.ofSeconds(30)).until(this::dispatcherCaughtUp);
        assertThat(alertsReceived("/restart")).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(status(second, ids, Delivery.DELIVERED)).isEqualTo(8);
    }

    // ---- digests ----

    @Test
    void digestGroupsThePeriodsAlertsByStorySurvivesARestartAndSendsNothingWhenNothingIsNew() {
        MutableClock clock = new MutableClock(Instant.parse("2025-04-14T12:10:00Z"));
        Channel digest = new Channel("slack", Map.of("webhookUrl", hooks.url("/digest"), "mode", "digest", "every", "1h"));
        subscribe("digesty", digest);
        AlertDispatcher first = dispatcher(clock);
        List<String> ids = List.of(
                publish(TestAlerts.inStory("dg-1", "story-x", "Outlet A", "CECOT transfers", "digesty")),
                publish(TestAlerts.inStory("dg-2", "story-x", "Outlet B", "CECOT transfers (copy)", "digesty")),
                publish(TestAlerts.inStory("dg-3", "story-y", "Outlet C", "Court hearing", "digesty")));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(first, ids, Delivery.PENDING_DIGEST) == 3);
        stop(first);

        AlertDispatcher second = dispatcher(clock);
        clock.set(Instant.parse("2025-04-14T12:59:00Z"));
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> hooks.requests("/digest").isEmpty());
        clock.set(Instant.parse("2025-04-14T13:00:01Z"));
        await().atMost(Duration.ofSeconds(20)).until(() -> hooks.requests("/digest").size() == 1);
        String body = hooks.requests("/digest").get(0).body();
        assertThat(body).contains("3 alerts on 2 stories").contains("digest, every 1h")
                .contains("2 alerts · Outlet A, Outlet B");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(second, ids, Delivery.DELIVERED) == 3);

        clock.set(Instant.parse("2025-04-14T14:00:01Z"));
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> hooks.requests("/digest").size() == 1);
    }

    // ---- generic webhooks ----

    @Test
    void webhookIsSignedAsStandardWebhooksSpecifiesAndVerifiesIndependently() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        subscribe("hooked", new Channel("webhook", Map.of("url", hooks.url("/hook"), "secret", secret)));
        AlertDispatcher d = dispatcher(Clock.systemUTC());
        String id = publish(TestAlerts.alert("hook-1", "hooked"));
        await().atMost(Duration.ofSeconds(20)).until(() -> hooks.requests("/hook").size() == 1);

        HookServer.Request r = hooks.requests("/hook").get(0);
        assertThat(r.headers().getFirst("webhook-id")).isEqualTo(id);
        String timestamp = r.headers().getFirst("webhook-timestamp");
        assertThat(Math.abs(Long.parseLong(timestamp) - Instant.now().getEpochSecond())).isLessThan(60);
        assertThat(StandardWebhooksVerifier.verify(secret, id, timestamp, r.body(),
                r.headers().getFirst("webhook-signature"))).isTrue();
        assertThat(Json.mapper().readTree(r.body()).get("data").get("alertId").asText()).isEqualTo(id);
        assertThat(Json.mapper().readTree(r.body()).get("type").asText()).isEqualTo("mediawatch.alert");
        await().atMost(Duration.ofSeconds(10)).until(() -> hasStatus(d, id, Delivery.DELIVERED));
    }

    /**
     * A subscription keeps a channel's secrets as ${VAR} references (that is what the config publishes),
     * and the dispatcher resolves them from its own environment: a variable it lacks fails that channel's
     * delivery with the variable's name, and the other channel goes on.
     */
    @Test
    void secretReferencesAreResolvedFromTheDispatchersEnvironment() throws Exception {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        Channel referenced = new Channel("webhook", Map.of("url", "${HOOK_URL}", "secret", "${HOOK_SECRET}"));
        Channel unset = new Channel("webhook", Map.of("url", "${MISSING_HOOK_URL}"));
        subscribe("referenced", referenced, unset);
        AlertDispatcher d = dispatcher(Clock.systemUTC(),
                Map.of("HOOK_URL", hooks.url("/referenced"), "HOOK_SECRET", secret));
        String id = publish(TestAlerts.alert("ref-1", "referenced"));
        await().atMost(Duration.ofSeconds(20)).until(() -> hooks.requests("/referenced").size() == 1
                && hasStatus(d, id, Delivery.FAILED));

        HookServer.Request r = hooks.requests("/referenced").get(0);
        assertThat(StandardWebhooksVerifier.verify(secret, id, r.headers().getFirst("webhook-timestamp"), r.body(),
                r.headers().getFirst("webhook-signature"))).isTrue();
        Delivery failed = d.log().get(id, ChannelKey.of(unset)).orElseThrow();
        assertThat(failed.error()).isEqualTo("webhook channel url: environment variable MISSING_HOOK_URL is not set");
        await().atMost(Duration.ofSeconds(10)).until(() -> hasStatus(d, id, Delivery.DELIVERED));
    }

    @Test
    void webhookRetriesOnTheScheduleAndA410DisablesIt() {
        hooks.script("/hook-retry", HookServer.Reply.of(500, ""), HookServer.Reply.of(502, ""));
        hooks.always("/hook-gone", HookServer.Reply.of(410, ""));
        subscribe("hook-retry", new Channel("webhook", Map.of("url", hooks.url("/hook-retry"))));
        subscribe("hook-gone", new Channel("webhook", Map.of("url", hooks.url("/hook-gone"))));
        AlertDispatcher d = dispatcher(Clock.systemUTC());
        String retried = publish(TestAlerts.alert("hr-1", "hook-retry"));
        String gone1 = publish(TestAlerts.alert("hg-1", "hook-gone"));
        await().atMost(Duration.ofSeconds(20)).until(() -> hasStatus(d, retried, Delivery.DELIVERED)
                && hasStatus(d, gone1, Delivery.FAILED));
        List<HookServer.Request> attempts = hooks.requests("/hook-retry");
        assertThat(attempts).hasSize(3);
        // Same webhook-id on every attempt, so receivers can deduplicate.
        assertThat(attempts).extracting(r -> r.headers().getFirst("webhook-id")).containsOnly(retried);
        assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(90));
        String gone2 = publish(TestAlerts.alert("hg-2", "hook-gone"));
        await().atMost(Duration.ofSeconds(20)).until(() -> hasStatus(d, gone2, Delivery.DISABLED));
        assertThat(hooks.requests("/hook-gone")).hasSize(1);
    }

    @Test
    void redirectsAreNotFollowedAndPrivateDestinationsAreRefusedUnlessAllowed() throws Exception {
        hooks.always("/moved", new HookServer.Reply(302, "", Map.of("Location", hooks.url("/elsewhere"))));
        Channel moved = new Channel("webhook", Map.of("url", hooks.url("/moved")));
        WebhookSink open = new WebhookSink(http, Clock.systemUTC(), RetryPolicy.schedule(List.of()));
        Alert alert = TestAlerts.alert("ssrf-1", "x");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> open.send(alert, moved))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("redirects are not followed")
                .hasMessageNotContaining("127.0.0.1");
        assertThat(hooks.requests("/elsewhere")).isEmpty();

        WebhookSink guarded = new WebhookSink(new HttpPoster(false), Clock.systemUTC(), RetryPolicy.schedule(List.of()));
        Channel local = new Channel("webhook", Map.of("url", hooks.url("/private")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> guarded.send(alert, local))
                .isInstanceOf(DeliveryException.class).hasMessageContaining("private or reserved address")
                .hasMessageNotContaining("127.0.0.1").hasMessageNotContaining("/private");
        assertThat(hooks.requests("/private")).isEmpty();
    }

    // ---- audit trail: CLI and API ----

    @Test
    void deliveriesCommandListsOutcomesWithFilters() throws Exception {
        hooks.always("/audit-bad", HookServer.Reply.of(404, "channel_not_found"));
        subscribe("audit", slack("/audit-ok"), slack("/audit-bad"));
        AlertDispatcher d = dispatcher(Clock.systemUTC());
        String id = publish(TestAlerts.alert("audit-1", "audit"));
        await().atMost(Duration.ofSeconds(20)).until(() -> status(d, List.of(id), Delivery.DELIVERED) == 1
                && status(d, List.of(id), Delivery.FAILED) == 1);
        // The in-memory view sees an outcome at once; the topic that the CLI reads has it after a flush.
        d.log().flush();

        String json = runCli("deliveries", "--bootstrap-servers", broker.bootstrapServers(), "--alert", id,
                "--status", "failed", "--json");
        List<String> lines = json.lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(Json.mapper().readTree(lines.get(0)).get("error").asText()).isEqualTo("Slack answered 404 channel_not_found");
        String table = runCli("deliveries", "--bootstrap-servers", broker.bootstrapServers(), "--subscription", "audit");
        assertThat(table).contains("delivered").contains("failed").contains(id).doesNotContain(hooks.url(""));

        try (dev.mediawatch.api.ApiServer api = dev.mediawatch.api.ApiServer.start("127.0.0.1", 0, () -> true)) {
            api.route("/api/deliveries", new dev.mediawatch.api.DeliveriesHandler(d.log()));
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + api.address().getPort() + "/api/deliveries";
            var ok = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "?subscription=audit"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(Json.mapper().readTree(ok.body()).get("deliveries")).hasSize(2);
            assertThat(ok.body()).doesNotContain("127.0.0.1").doesNotContain("/audit-ok");
            var bad = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "?status=lost"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("unknown status");
        }
    }

    // ---- helpers ----

    private Channel slack(String path) {
        return new Channel("slack", Map.of("webhookUrl", hooks.url(path)));
    }

    private AlertDispatcher dispatcher(Clock clock) {
        return dispatcher(clock, Map.of());
    }

    /** @param env the dispatcher's environment, where channels' ${VAR} references are resolved */
    private AlertDispatcher dispatcher(Clock clock, Map<String, String> env) {
        SlackSink slack = new SlackSink(http, Duration.ofSeconds(1),
                RetryPolicy.exponential(Duration.ofMillis(100), Duration.ofMillis(400), 5, Math::random), env);
        WebhookSink webhook = new WebhookSink(http, clock,
                RetryPolicy.schedule(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400))),
                env);
        AlertDispatcher d = new AlertDispatcher(broker.bootstrapServers(),
                List.of(slack, webhook, new ConsoleSink(new PrintStream(new ByteArrayOutputStream()))), clock);
        d.start();
        running.add(d);
        return d;
    }

    private void stop(AlertDispatcher d) {
        d.close();
        running.remove(d);
    }

    private void subscribe(String id, Channel... channels) {
        producer.send(Topics.SUBSCRIPTIONS, id, new Subscription(id, List.of("cecot"), null, List.of(channels)));
        producer.flush();
    }

    private String publish(Alert alert) {
        producer.send(Topics.ALERTS, alert.subscriptionId(), alert);
        producer.flush();
        return alert.alertId();
    }

    private List<String> alertsReceived(String path) {
        List<String> ids = new ArrayList<>();
        for (HookServer.Request r : hooks.requests(path)) {
            Matcher m = LINKED_ALERT.matcher(r.body());
            while (m.find()) ids.add(m.group(1));
        }
        return ids;
    }

    private static void assertPaced(List<HookServer.Request> requests, Duration pace) {
        for (int i = 1; i < requests.size(); i++) {
            assertThat(Duration.between(requests.get(i - 1).at(), requests.get(i).at()))
                    .as("gap before request %d", i).isGreaterThanOrEqualTo(pace.minusMillis(50));
        }
    }

    private static boolean hasStatus(AlertDispatcher d, String alertId, String status) {
        return d.log().all().stream().anyMatch(x -> x.alertId().equals(alertId) && x.status().equals(status));
    }

    private static long status(AlertDispatcher d, List<String> alertIds, String status) {
        return d.log().all().stream().filter(x -> alertIds.contains(x.alertId()) && x.status().equals(status)).count();
    }

    private void rewindDispatcherGroup() throws Exception {
        try (Admin admin = admin()) {
            List<TopicPartition> parts = admin.describeTopics(List.of(Topics.ALERTS.name())).allTopicNames().get()
                    .get(Topics.ALERTS.name()).partitions().stream()
                    .map(p -> new TopicPartition(Topics.ALERTS.name(), p.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> zero = parts.stream()
                    .collect(Collectors.toMap(p -> p, p -> new OffsetAndMetadata(0)));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                admin.alterConsumerGroupOffsets(AlertDispatcher.GROUP_ID, zero).all().get();
                return true;
            });
        }
    }

    private boolean dispatcherCaughtUp() throws Exception {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(AlertDispatcher.GROUP_ID)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return committed.size() == 3 && committed.entrySet().stream()
                    .allMatch(e -> e.getValue().offset() >= ends.get(e.getKey()).offset());
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static String runCli(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int code = dev.mediawatch.cli.Main.execute(args);
            assertThat(code).as("exit code of %s", String.join(" ", args)).isZero();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}

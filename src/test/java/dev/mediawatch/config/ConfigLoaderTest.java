package dev.mediawatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mediawatch.model.Channel;
import dev.mediawatch.model.Entity;
import dev.mediawatch.model.FeedSource;
import dev.mediawatch.model.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class ConfigLoaderTest {
    private static final String FILE = "test.yaml";

    private final Logger loaderLog = (Logger) LoggerFactory.getLogger(ConfigLoader.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void captureLog() {
        logged.start();
        loaderLog.addAppender(logged);
    }

    @AfterEach
    void releaseLog() {
        loaderLog.detachAppender(logged);
    }

    private static MediawatchConfig parse(String yaml) {
        return ConfigLoader.parse(yaml, FILE, Map.of());
    }

    private static MediawatchConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, FILE, env);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String yaml, String key, String reason) {
        return assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(FILE + ": " + key + ": ")
                .hasMessageContaining(reason);
    }

    // --- a whole config ---

    @Test
    void readsEveryKey() {
        MediawatchConfig config = parse("""
                kafka:
                  bootstrapServers: "broker1:9092,broker2:9092"
                  embedded: { port: 19092 }
                http: { host: 0.0.0.0, port: 8081 }
                fetch:
                  allowPrivateNetworks: true
                  defaultInterval: 10m
                  minInterval: 1m
                  maxInterval: 2h
                feeds:
                  - id: nyt-world
                    url: https://rss.nytimes.com/services/xml/rss/nyt/World.xml
                    outlet: The New York Times
                    interval: 5m
                  - id: npr.news
                    url: http://feeds.npr.org/1001/rss.xml
                entities:
                  - id: cecot
                    name: CECOT
                    type: facility
                    aliases: ["Centro de Confinamiento del Terrorismo"]
                    caseSensitiveAliases: [CECOT]
                    context: [prison]
                    exclusions: [Johnny Cecotto]
                    wikidataId: Q117321155
                  - id: abrego-garcia
                    name: Kilmar Abrego Garcia
                subscriptions:
                  - id: immigration-desk
                    entities: [cecot, abrego-garcia]
                    query: '"Abrego Garcia" AND (court OR judge)'
                    deliver:
                      - slack: { webhookUrl: "https://hooks.slack.com/services/T/B/X", mode: digest, every: 1h }
                      - webhook: { url: "https://example.org/hook", secret: s3cret, daily: "08:00", timezone: Europe/Madrid }
                      - console: {}
                """);

        assertThat(config.source()).isEqualTo(FILE);
        assertThat(config.kafka()).isEqualTo(new MediawatchConfig.KafkaSettings("broker1:9092,broker2:9092", 19092));
        assertThat(config.kafka().embedded()).isFalse();
        assertThat(config.http()).isEqualTo(new MediawatchConfig.HttpSettings("0.0.0.0", 8081));
        assertThat(config.fetch()).isEqualTo(new MediawatchConfig.FetchSettings(
                true, Duration.ofMinutes(10), Duration.ofMinutes(1), Duration.ofHours(2)));
        assertThat(config.feeds()).containsExactly(
                new FeedSource("nyt-world", "https://rss.nytimes.com/services/xml/rss/nyt/World.xml",
                        "The New York Times", Duration.ofMinutes(5)),
                new FeedSource("npr.news", "http://feeds.npr.org/1001/rss.xml", "npr.news", null));
        assertThat(config.entities()).containsExactly(
                new Entity("cecot", "CECOT", "facility", List.of("Centro de Confinamiento del Terrorismo"),
                        List.of("CECOT"), List.of("prison"), List.of("Johnny Cecotto"), "Q117321155"),
                new Entity("abrego-garcia", "Kilmar Abrego Garcia", "other",
                        List.of(), List.of(), List.of(), List.of(), null));
        Subscription desk = config.subscriptions().get(0);
        assertThat(desk.id()).isEqualTo("immigration-desk");
        assertThat(desk.entities()).containsExactly("cecot", "abrego-garcia");
        assertThat(desk.query()).isEqualTo("\"Abrego Garcia\" AND (court OR judge)");
        assertThat(desk.deliver()).containsExactly(
                new Channel("slack", Map.of("webhookUrl", "https://hooks.slack.com/services/T/B/X",
                        "mode", "digest", "every", "1h")),
                new Channel("webhook", Map.of("url", "https://example.org/hook", "secret", "s3cret",
                        "daily", "08:00", "timezone", "Europe/Madrid")),
                Channel.console());
    }

    @Test
    void emptyDocumentGivesDefaults() {
        MediawatchConfig config = parse("");

        assertThat(config.kafka()).isEqualTo(new MediawatchConfig.KafkaSettings("", 9092));
        assertThat(config.kafka().embedded()).isTrue();
        assertThat(config.http()).isEqualTo(new MediawatchConfig.HttpSettings("127.0.0.1", 8080));
        assertThat(config.fetch()).isEqualTo(MediawatchConfig.FetchSettings.defaults());
        assertThat(config.feeds()).isEmpty();
    }

    @Test
    void numbersAndBooleansAreReadWhereStringsAreExpected() {
        MediawatchConfig config = parse("""
                http: { port: "8082" }
                fetch: { allowPrivateNetworks: "true" }
                entities: [{ id: q1, name: 1984 }]
                """);

        assertThat(config.http().port()).isEqualTo(8082);
        assertThat(config.fetch().allowPrivateNetworks()).isTrue();
        assertThat(config.entities().get(0).name()).isEqualTo("1984");
    }

    @Test
    void channelSettingsKeepTheTextAsWritten() {
        MediawatchConfig config = parse("""
                entities: [{ id: cecot, name: CECOT }]
                subscriptions:
                  - id: desk
                    entities: [cecot]
                    deliver: [{ console: { mode: digest, daily: 18:30, timezone: America/El_Salvador } }, { console: { mode: digest, every: 90m } }]
                """);

        assertThat(config.subscriptions().get(0).deliver().get(0).settings()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "mode", "digest", "daily", "18:30", "timezone", "America/El_Salvador"));
        assertThat(config.subscriptions().get(0).deliver().get(1).settings()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "mode", "digest", "every", "90m"));
    }

    @Test
    void badChannelPacing() {
        String prefix = """
                entities: [{ id: cecot, name: CECOT }]
                subscriptions: [{ id: d, entities: [cecot], deliver: [{ console: %s }] }]
                """;
        assertRefused(prefix.formatted("{ mode: batch }"), "subscriptions[0].deliver[0].console.mode", "expected realtime or digest");
        assertRefused(prefix.formatted("{ mode: digest, every: often }"), "subscriptions[0].deliver[0].console.every", "invalid duration");
        assertRefused(prefix.formatted("{ mode: digest, daily: \"25:00\" }"), "subscriptions[0].deliver[0].console.daily", "time of day");
        assertRefused(prefix.formatted("{ mode: digest, daily: \"08:00\", timezone: Mars/Olympus }"), "subscriptions[0].deliver[0].console.timezone", "unknown time zone");
    }

    @Test
    void digestScheduleIsEitherEveryOrDailyWithItsTimeZone() {
        String prefix = """
                entities: [{ id: cecot, name: CECOT }]
                subscriptions: [{ id: d, entities: [cecot], deliver: [{ console: %s }] }]
                """;
        assertRefused(prefix.formatted("{ mode: digest, every: 1h, daily: \"08:00\" }"), "subscriptions[0].deliver[0].console.daily", "either every or daily");
        assertRefused(prefix.formatted("{ mode: digest, every: 1h, timezone: UTC }"), "subscriptions[0].deliver[0].console.timezone", "only with daily");
        assertRefused(prefix.formatted("{ mode: digest, every: 0s }"), "subscriptions[0].deliver[0].console.every", "positive");
    }

    @Test
    void malformedWhsecSecretIsRefusedWithoutRepeatingIt() {
        String yaml = """
                entities: [{ id: cecot, name: CECOT }]
                subscriptions: [{ id: d, entities: [cecot], deliver: [{ webhook: { url: "https://example.org/hook", secret: "whsec_not*base64!" } }] }]
                """;
        assertRefused(yaml, "subscriptions[0].deliver[0].webhook.secret", "not valid base64")
                .message().doesNotContain("not*base64!");
        MediawatchConfig ok = parse(yaml.replace("whsec_not*base64!", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));
        assertThat(ok.subscriptions().get(0).deliver()).hasSize(1);
    }

    // --- environment variables ---

    @Test
    void substitutesVariablesWithAndWithoutDefault() {
        MediawatchConfig config = parse("""
                kafka: { bootstrapServers: "${BROKERS}" }
                http: { host: "${HOST:-127.0.0.2}", port: "${PORT:-9999}" }
                """, Map.of("BROKERS", "kafka:9092", "PORT", "8090"));

        assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.http()).isEqualTo(new MediawatchConfig.HttpSettings("127.0.0.2", 8090));
    }

    @Test
    void doubleDollarEscapesALiteralReference() {
        MediawatchConfig config = parse("""
                subscriptions:
                  - id: desk
                    query: 'cost $${HOME} ${X} $5'
                """, Map.of("X", "x"));

        assertThat(config.subscriptions().get(0).query()).isEqualTo("cost ${HOME} x $5");
    }

    @Test
    void unsetVariableOutsideAChannelNamesKeyAndVariable() {
        assertThatThrownBy(() -> parse("kafka: { bootstrapServers: \"${BROKERS}\" }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: kafka.bootstrapServers: ")
                .hasMessageContaining("environment variable BROKERS is not set");
    }

    @Test
    void unsetVariableInAChannelDisablesThatChannelWithAWarning() {
        MediawatchConfig config = parse("""
                entities: [{ id: cecot, name: CECOT }]
                subscriptions:
                  - id: immigration-desk
                    entities: [cecot]
                    deliver:
                      - slack: { webhookUrl: "${SLACK_WEBHOOK_URL}" }
                      - console: {}
                """);

        assertThat(config.subscriptions().get(0).deliver()).containsExactly(Channel.console());
        assertThat(logged.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .contains("immigration-desk", "slack", "SLACK_WEBHOOK_URL"));
    }

    /**
     * A channel's secrets given as references are checked (set, a valid URL) but kept as written: the
     * subscription, and so mediawatch.subscriptions, carries the reference; the dispatcher resolves it.
     */
    @Test
    void setVariableInAChannelIsCheckedKeptAsTheReferenceAndNeverLogged() throws Exception {
        MediawatchConfig config = parse("""
                entities: [{ id: cecot, name: CECOT }]
                subscriptions:
                  - id: desk
                    entities: [cecot]
                    deliver:
                      - slack: { webhookUrl: "${SLACK_WEBHOOK_URL}" }
                      - webhook: { url: "https://newsroom.example/hooks/${HOOK_PATH}", secret: "${HOOK_SECRET}", mode: "${MODE:-realtime}" }
                """, Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/secret",
                "HOOK_PATH", "p4th", "HOOK_SECRET", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"));

        List<Channel> channels = config.subscriptions().get(0).deliver();
        assertThat(channels.get(0).settings()).containsEntry("webhookUrl", "${SLACK_WEBHOOK_URL}");
        assertThat(channels.get(1).settings()).containsEntry("url", "https://newsroom.example/hooks/${HOOK_PATH}")
                .containsEntry("secret", "${HOOK_SECRET}").containsEntry("mode", "realtime");
        String published = dev.mediawatch.kafka.Json.mapper().writeValueAsString(config.subscriptions().get(0));
        assertThat(published).doesNotContain("T/B/secret").doesNotContain("p4th").doesNotContain("MfKQ9r8");
        assertThat(dev.mediawatch.config.EnvReferences.resolve(channels.get(1).settings().get("url"),
                Map.of("HOOK_PATH", "p4th"))).isEqualTo("https://newsroom.example/hooks/p4th");
        assertThat(logged.list).isEmpty();
    }

    @Test
    void aVariableInAChannelIsStillCheckedAsTheURLItGives() {
        assertThatThrownBy(() -> parse("""
                entities: [{ id: cecot, name: CECOT }]
                subscriptions:
                  - id: desk
                    entities: [cecot]
                    deliver: [{ slack: { webhookUrl: "${SLACK_WEBHOOK_URL}" } }]
                """, Map.of("SLACK_WEBHOOK_URL", "not a url")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("webhookUrl")
                .hasMessageNotContaining("not a url");
    }

    // --- errors: each names file, key path and reason ---

    /** What other stream instances call this one's API by: the host it listens on, else as configured. */
    @Test
    void advertisedHostDefaultsToTheListeningHostAndIsCheckedWhenGiven() {
        assertThat(parse("http: { host: 10.0.0.7, port: 8081 }").http().advertised()).isEqualTo("10.0.0.7");
        assertThat(parse("http: { host: 0.0.0.0, advertisedHost: mediawatch-2.internal }").http().advertised())
                .isEqualTo("mediawatch-2.internal");
        assertThat(parse("http: { host: 0.0.0.0 }").http().advertised()).isNotEqualTo("0.0.0.0").isNotBlank();
        assertThatThrownBy(() -> parse("http: { advertisedHost: \"http://mediawatch-2:8080\" }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.advertisedHost")
                .hasMessageContaining("no port, no scheme");
    }

    @Test
    void unknownTopLevelKey() {
        assertRefused("feed: []", "feed", "unknown key (did you mean feeds?)");
    }

    @Test
    void unknownKeyInAListItemSuggestsTheNearestKey() {
        assertRefused("""
                feeds:
                  - { id: a, url: "https://a.example/rss" }
                  - { id: b, url: "https://b.example/rss" }
                  - { id: c, url: "https://c.example/rss", intervall: 5m }
                """, "feeds[2].intervall", "unknown key (did you mean interval?)");
    }

    @Test
    void unknownKeyInAChannel() {
        assertRefused("""
                entities: [{ id: cecot, name: CECOT }]
                subscriptions:
                  - id: desk
                    entities: [cecot]
                    deliver: [{ webhook: { url: "https://example.org/h", secrt: x } }]
                """, "subscriptions[0].deliver[0].webhook.secrt", "unknown key (did you mean secret?)");
    }

    @Test
    void unknownChannelType() {
        assertRefused("""
                entities: [{ id: cecot, name: CECOT }]
                subscriptions: [{ id: desk, entities: [cecot], deliver: [{ email: {} }] }]
                """, "subscriptions[0].deliver[0].email", "unknown key");
    }

    @Test
    void wrongTypeNamesTheExpectedType() {
        assertRefused("http: { port: [8080] }", "http.port", "expected an integer, got a list");
        assertRefused("fetch: { allowPrivateNetworks: maybe }", "fetch.allowPrivateNetworks", "expected a boolean");
        assertRefused("feeds: { id: x }", "feeds", "expected a list, got a mapping");
        assertRefused("entities: [{ id: x, name: X, aliases: Cecot }]", "entities[0].aliases", "expected a list");
    }

    @Test
    void portOutOfRange() {
        assertRefused("kafka: { embedded: { port: 0 } }", "kafka.embedded.port", "between 1 and 65535");
    }

    @Test
    void badDuration() {
        assertRefused("fetch: { defaultInterval: 5 minutes }", "fetch.defaultInterval", "invalid duration \"5 minutes\"");
    }

    @Test
    void feedIntervalOutsideTheBounds() {
        assertRefused("feeds: [{ id: a, url: \"https://a.example/rss\", interval: 30s }]",
                "feeds[0].interval", "outside fetch.minInterval..fetch.maxInterval (2m..1h)");
    }

    @Test
    void badFeedUrl() {
        assertRefused("feeds: [{ id: a, url: \"ftp://a.example/rss\" }]",
                "feeds[0].url", "invalid URL \"ftp://a.example/rss\": expected an absolute http:// or https:// URL");
        assertRefused("feeds: [{ id: a, url: \"/rss.xml\" }]", "feeds[0].url", "expected an absolute http");
    }

    @Test
    void badWebhookUrlIsNotRepeatedInTheMessage() {
        assertRefused("""
                entities: [{ id: cecot, name: CECOT }]
                subscriptions:
                  - { id: d, entities: [cecot], deliver: [{ webhook: { url: "hooks.example/secret-token" } }] }
                """, "subscriptions[0].deliver[0].webhook.url", "invalid URL")
                .message().doesNotContain("secret-token");
    }

    @Test
    void missingRequiredKey() {
        assertRefused("feeds: [{ url: \"https://a.example/rss\" }]", "feeds[0].id", "required");
        assertRefused("entities: [{ id: x }]", "entities[0].name", "required");
        assertRefused("""
                entities: [{ id: cecot, name: CECOT }]
                subscriptions: [{ id: d, entities: [cecot], deliver: [{ slack: {} }] }]
                """, "subscriptions[0].deliver[0].slack.webhookUrl", "required");
    }

    @Test
    void invalidIds() {
        assertRefused("feeds: [{ id: NYT, url: \"https://a.example/rss\" }]", "feeds[0].id", "invalid id \"NYT\"");
        assertRefused("entities: [{ id: abrego_garcia, name: X }]", "entities[0].id", "kebab");
        assertRefused("entities: [{ id: x, name: X, wikidataId: 42 }]", "entities[0].wikidataId", "Wikidata item id");
    }

    @Test
    void hostPolitenessDefaultsToTwoInFlightAndOnePerSecond() {
        MediawatchConfig.FetchSettings fetch = parse("fetch: { allowPrivateNetworks: true }").fetch();

        assertThat(fetch.hostConcurrency()).isEqualTo(2);
        assertThat(fetch.hostRequestsPerSecond()).isEqualTo(1.0);
    }

    @Test
    void hostPolitenessIsConfigurable() {
        MediawatchConfig.FetchSettings fetch = parse("fetch: { hostConcurrency: 64, hostRequestsPerSecond: 0.5 }").fetch();

        assertThat(fetch.hostConcurrency()).isEqualTo(64);
        assertThat(fetch.hostRequestsPerSecond()).isEqualTo(0.5);
        assertThat(parse("fetch: { hostRequestsPerSecond: \"2000\" }").fetch().hostRequestsPerSecond()).isEqualTo(2000.0);
    }

    @Test
    void badHostPoliteness() {
        assertRefused("fetch: { hostConcurrency: 0 }", "fetch.hostConcurrency", "between 1 and 1000, got 0");
        assertRefused("fetch: { hostRequestsPerSecond: 0 }", "fetch.hostRequestsPerSecond", "must be greater than 0");
        assertRefused("fetch: { hostRequestsPerSecond: fast }", "fetch.hostRequestsPerSecond", "expected a number, got \"fast\"");
        assertRefused("fetch: { hostRequestsPerSecond: [1] }", "fetch.hostRequestsPerSecond", "expected a number, got a list");
    }

    @Test
    void minIntervalAboveMaxInterval() {
        assertRefused("fetch: { minInterval: 2h, maxInterval: 1h }",
                "fetch.minInterval", "2h is greater than fetch.maxInterval (1h)");
    }

    @Test
    void defaultIntervalOutsideTheBounds() {
        assertRefused("fetch: { defaultInterval: 1m }", "fetch.defaultInterval", "1m is outside");
    }

    @Test
    void unknownEntityInSubscription() {
        assertRefused("""
                entities: [{ id: cecot, name: CECOT }]
                subscriptions: [{ id: desk, entities: [cecot, abrego-garica] }]
                """, "subscriptions[0].entities[1]", "unknown entity id \"abrego-garica\"");
    }

    @Test
    void subscriptionWithNeitherEntitiesNorQuery() {
        assertRefused("subscriptions: [{ id: desk, deliver: [console] }]", "subscriptions[0]", "neither entities nor query");
    }

    @Test
    void duplicateIds() {
        assertRefused("""
                feeds:
                  - { id: a, url: "https://a.example/rss" }
                  - { id: a, url: "https://b.example/rss" }
                """, "feeds[1].id", "duplicate id \"a\" (already used at feeds[0].id)");
        assertRefused("entities: [{ id: x, name: X }, { id: x, name: Y }]", "entities[1].id", "duplicate id \"x\"");
        assertRefused("subscriptions: [{ id: s, query: a }, { id: s, query: b }]", "subscriptions[1].id", "duplicate id \"s\"");
    }

    @Test
    void duplicateKeyInAMapping() {
        assertThatThrownBy(() -> parse("http:\n  port: 1\n  port: 2\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml: line 3, column 9: duplicate key \"port\"");
    }

    @Test
    void yamlSyntaxErrorNamesLineAndColumn() {
        assertThatThrownBy(() -> parse("http:\n  host: 127.0.0.1\n  port: [8080\nfetch: {}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml: line 4, column 6: invalid YAML: expected ',' or ']', but got : (while parsing a flow sequence)");
    }

    @Test
    void tabIndentationIsASyntaxError() {
        assertThatThrownBy(() -> parse("http:\n\tport: 1\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("test.yaml: line 2, column 1: invalid YAML: ")
                .hasMessageContaining("TAB");
    }

    @Test
    void missingFile(@TempDir Path dir) {
        Path file = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": (file): no such file");
    }

    @Test
    void loadsAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mw.yaml");
        Files.writeString(file, "http: { port: 0 }\n");

        MediawatchConfig config = ConfigLoader.load(file);

        assertThat(config.source()).isEqualTo(file.toString());
        assertThat(config.http().port()).isZero();
    }

    @Test
    void errorsFromAFileNameTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mw.yaml");
        Files.writeString(file, "http: { prot: 8080 }\n");

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": http.prot: unknown key (did you mean port?)");
    }

    // --- the bundled default ---

    @Test
    void bundledDefaultLoadsWithoutEnvironment() throws Exception {
        String yaml;
        try (var in = ConfigLoader.class.getResourceAsStream("/default-config.yaml")) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        MediawatchConfig config = ConfigLoader.parse(yaml, ConfigLoader.BUNDLED_SOURCE, Map.of());

        assertThat(config.kafka().embedded()).isTrue();
        assertThat(config.feeds()).hasSizeGreaterThanOrEqualTo(12)
                .allSatisfy(feed -> assertThat(feed.url()).startsWith("https://"));
        assertThat(config.entities()).extracting(Entity::id).contains(
                "cecot", "abrego-garcia", "alien-enemies-act", "bukele", "tren-de-aragua", "ms-13", "rubio");
        Subscription desk = config.subscriptions().get(0);
        assertThat(desk.id()).isEqualTo("immigration-desk");
        assertThat(desk.entities()).containsExactlyInAnyOrderElementsOf(
                config.entities().stream().map(Entity::id).toList());
        assertThat(desk.deliver()).containsExactly(Channel.console());
        assertThat(logged.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .contains("immigration-desk", "slack", "SLACK_WEBHOOK_URL"));
    }

    @Test
    void bundledDefaultDeliversToSlackOnceTheWebhookIsSet() throws Exception {
        String yaml;
        try (var in = ConfigLoader.class.getResourceAsStream("/default-config.yaml")) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }

        MediawatchConfig config = ConfigLoader.parse(yaml, ConfigLoader.BUNDLED_SOURCE,
                Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/x"));

        assertThat(config.subscriptions().get(0).deliver()).extracting(Channel::type).containsExactly("console", "slack");
    }

    @Test
    void loadDefaultNamesItsSource() {
        assertThat(ConfigLoader.loadDefault().source()).isEqualTo("bundled default");
    }

    // --- metrics ---

    @Test
    void metricsLabelLimitDefaultsTo500() {
        assertThat(parse("").metrics().maxLabelValues()).isEqualTo(500);
    }

    @Test
    void readsTheMetricsLabelLimit() {
        assertThat(parse("metrics: { maxLabelValues: 50 }").metrics().maxLabelValues()).isEqualTo(50);
        assertThat(parse("metrics: { maxLabelValues: \"${LIMIT}\" }", Map.of("LIMIT", "20")).metrics().maxLabelValues())
                .isEqualTo(20);
    }

    @Test
    void refusesABadMetricsLabelLimit() {
        assertRefused("metrics: { maxLabelValues: 0 }", "metrics.maxLabelValues", "must be between 1 and 100000, got 0");
        assertRefused("metrics: { maxLabelValues: many }", "metrics.maxLabelValues", "expected an integer");
        assertRefused("metrics: { maxLabels: 5 }", "metrics.maxLabels", "unknown key");
    }

    @Test
    void streamCommitIntervalDefaultsTo200Milliseconds() {
        assertThat(parse("").stream().commitInterval()).isEqualTo(java.time.Duration.ofMillis(200));
    }

    @Test
    void readsTheStreamCommitInterval() {
        assertThat(parse("stream: { commitInterval: 100ms }").stream().commitInterval())
                .isEqualTo(java.time.Duration.ofMillis(100));
        assertThat(parse("stream: { commitInterval: 1s }").stream().commitInterval()).isEqualTo(java.time.Duration.ofSeconds(1));
    }

    @Test
    void refusesACommitIntervalOutsideItsRange() {
        assertRefused("stream: { commitInterval: 5ms }", "stream.commitInterval", "must be within 10ms..30s, got 5ms");
        assertRefused("stream: { commitInterval: 1m }", "stream.commitInterval", "must be within 10ms..30s, got 1m");
        assertRefused("stream: { commitInterval: often }", "stream.commitInterval", "expected a number with a unit");
        assertRefused("stream: { commitIntervall: 1s }", "stream.commitIntervall", "unknown key");
    }

    @Test
    void httpHostOfTheBundledConfigComesFromTheEnvironment() throws Exception {
        String bundled;
        try (var in = ConfigLoader.class.getResourceAsStream(ConfigLoader.BUNDLED_RESOURCE)) {
            bundled = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertThat(ConfigLoader.parse(bundled, FILE, Map.of()).http().host()).isEqualTo("127.0.0.1");
        assertThat(ConfigLoader.parse(bundled, FILE, Map.of("MEDIAWATCH_HTTP_HOST", "0.0.0.0")).http().host())
                .isEqualTo("0.0.0.0");
    }

    // --- queries ---

    @Test
    void aQueryThatDoesNotParseIsRefusedWithItsPosition() {
        String yaml = """
                entities:
                  - id: cecot
                    name: CECOT
                subscriptions:
                  - id: desk
                    query: '"Abrego Garcia" AND (court OR judge'
                    deliver: [console]
                """;

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "desk.yaml", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("desk.yaml").hasMessageContaining("subscriptions[0].query")
                .hasMessageContaining("position");
    }

    @Test
    void aValidQueryIsKept() {
        String yaml = """
                subscriptions:
                  - id: desk
                    query: 'entity:cecot AND (court OR judge)'
                    deliver: [console]
                """;

        assertThat(ConfigLoader.parse(yaml, "desk.yaml", Map.of()).subscriptions().get(0).query())
                .isEqualTo("entity:cecot AND (court OR judge)");
    }

    @Test
    void readsClassificationRules() {
        String yaml = """
                classification:
                  categories:
                    elections: { ballot: 2, election: 2.5, ICE: 1 }
                    courts: { judge: 2 }
                """;

        var rules = ConfigLoader.parse(yaml, "desk.yaml", Map.of()).classification();

        assertThat(rules).containsOnlyKeys("elections", "courts");
        assertThat(rules.get("elections")).containsEntry("election", 2.5).containsEntry("ICE", 1.0);
    }

    @Test
    void refusesAClassificationWeightThatIsNotAPositiveNumber() {
        String yaml = """
                classification:
                  categories:
                    courts: { judge: heavy }
                """;

        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "desk.yaml", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("classification.categories.courts.judge")
                .hasMessageContaining("positive number");
    }
}

package dev.mediawatch.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mediawatch.config.MediawatchConfig.FetchSettings;
import dev.mediawatch.config.MediawatchConfig.StreamSettings;
import dev.mediawatch.config.MediawatchConfig.HttpSettings;
import dev.mediawatch.config.MediawatchConfig.KafkaSettings;
import dev.mediawatch.config.MediawatchConfig.MetricsSettings;
import dev.mediawatch.enrich.query.QueryParseException;
import dev.mediawatch.enrich.query.QueryParser;
import dev.mediawatch.model.Channel;
import dev.mediawatch.model.Entity;
import dev.mediawatch.model.FeedSource;
import dev.mediawatch.model.Subscription;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the YAML configuration described in ARCHITECTURE.md into a validated {@link MediawatchConfig}.
 *
 * <p>Every problem is a {@link ConfigException} whose message reads {@code <file>: <key path>: <reason>},
 * e.g. {@code mw.yaml: feeds[2].intervall: unknown key (did you mean interval?)}. Unknown keys, wrong
 * types, bad durations and URLs, interval bounds, unknown or duplicate ids are all refused; a YAML
 * syntax error names its line and column.
 *
 * <h2>Environment variables</h2>
 * In every string value, {@code ${VAR}} is replaced by the variable's value and {@code ${VAR:-default}}
 * by the value or, when the variable is unset or empty, by {@code default}; {@code $${} writes a literal
 * {@code ${}. Substitution happens value by value after the YAML is parsed, so a variable's value is
 * never read as YAML, and comments are left alone.
 *
 * <p>A {@code ${VAR}} without default whose variable is unset or empty is handled by where it occurs:
 * <ul>
 *   <li>in a setting of a delivery channel (under {@code subscriptions[i].deliver[j]}), the channel is
 *       <em>disabled</em>: it is left out of the subscription and a warning is logged naming the
 *       subscription, the channel type and the variable, never a value. This lets one config (the
 *       bundled default among them) name {@code ${SLACK_WEBHOOK_URL}} and still run where that secret
 *       is not provided;</li>
 *   <li>anywhere else it is an error naming the key path and the variable.</li>
 * </ul>
 */
public final class ConfigLoader {
    /** The {@code source} of the configuration bundled in the jar. */
    public static final String BUNDLED_SOURCE = "bundled default";
    static final String BUNDLED_RESOURCE = "/default-config.yaml";

    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    /** Channel settings kept as written (references unresolved) in the subscription. */
    private static final Set<String> SECRET_SETTINGS = Set.of("webhookUrl", "url", "secret");
    private static final Pattern FEED_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern ENTITY_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '([^']*)'");
    private static final Pattern WIKIDATA_ID = Pattern.compile("Q[1-9][0-9]*");

    private static final String[] TOP_KEYS = {"kafka", "http", "fetch", "feeds", "entities", "subscriptions", "metrics",
        "classification", "stream"};
    private static final String[] FEED_KEYS = {"id", "url", "outlet", "interval"};
    private static final String[] ENTITY_KEYS =
            {"id", "name", "type", "aliases", "caseSensitiveAliases", "context", "exclusions", "wikidataId"};
    private static final String[] SUBSCRIPTION_KEYS = {"id", "entities", "query", "deliver"};
    /** Settings every channel type accepts: pacing of its alerts. */
    private static final List<String> PACING_KEYS = List.of("mode", "every", "daily", "timezone");
    /** Channel types and the settings each accepts besides {@link #PACING_KEYS}. */
    private static final Map<String, List<String>> CHANNEL_KEYS = Map.of(
            "console", List.of(),
            "slack", List.of("webhookUrl"),
            "webhook", List.of("url", "secret"));
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("H:mm", Locale.ROOT);
    private static final Set<String> MODES = Set.of("realtime", "digest");

    private ConfigLoader() {
    }

    /**
     * Loads and validates a config file, substituting variables from the process environment.
     *
     * @throws ConfigException naming the file, the key and the reason
     */
    public static MediawatchConfig load(Path file) {
        String source = file.toString();
        return parse(read(file, source), source, System.getenv());
    }

    /** The configuration bundled in the jar: real outlets' feeds and the running story's watchlist. */
    public static MediawatchConfig loadDefault() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(BUNDLED_RESOURCE)) {
            if (in == null) throw new ConfigException(BUNDLED_SOURCE, "(file)", "resource " + BUNDLED_RESOURCE + " is missing");
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), BUNDLED_SOURCE, System.getenv());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MediawatchConfig parse(String yaml, String source, Map<String, String> env) {
        ConfigNode root = new ConfigNode(readTree(yaml, source), "", source, new EnvSubstitution(env)).object(TOP_KEYS);
        KafkaSettings kafka = kafka(root.get("kafka"));
        HttpSettings http = http(root.get("http"));
        FetchSettings fetch = fetch(root.get("fetch"));
        List<FeedSource> feeds = feeds(root.get("feeds"), fetch);
        List<Entity> entities = entities(root.get("entities"));
        List<Subscription> subscriptions = subscriptions(root.get("subscriptions"), entities);
        MetricsSettings metrics = metrics(root.get("metrics"));
        Map<String, Map<String, Double>> classification = classification(root.get("classification"));
        StreamSettings stream = stream(root.get("stream"));
        return new MediawatchConfig(source, kafka, http, fetch, feeds, entities, subscriptions, metrics,
                classification, stream);
    }

    private static String read(Path file, String source) {
        try {
            if (Files.isDirectory(file)) throw new ConfigException(source, "(file)", "is a directory, not a config file");
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (NoSuchFileException e) {
            throw new ConfigException(source, "(file)", "no such file");
        } catch (CharacterCodingException e) {
            throw new ConfigException(source, "(file)", "not valid UTF-8");
        } catch (IOException e) {
            throw new ConfigException(source, "(file)", "cannot be read: " + e);
        }
    }

    private static JsonNode readTree(String yaml, String source) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw syntaxError(e, source);
        }
    }

    /** SnakeYAML's own mark and problem read better than Jackson's wrapper message. */
    private static ConfigException syntaxError(JsonProcessingException e, String source) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            Mark mark = marked.getProblemMark();
            String context = marked.getContext() == null ? "" : " (" + marked.getContext().strip() + ")";
            return new ConfigException(source, "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1),
                    "invalid YAML: " + marked.getProblem().strip() + context);
        }
        JsonLocation at = e.getLocation();
        String where = at == null || at.getLineNr() < 1
                ? "(document)"
                : "line " + at.getLineNr() + ", column " + at.getColumnNr();
        String message = e.getOriginalMessage() == null ? "cannot be parsed" : e.getOriginalMessage();
        Matcher duplicate = DUPLICATE_KEY.matcher(message);
        if (duplicate.find()) return new ConfigException(source, where, "duplicate key \"" + duplicate.group(1) + "\"");
        return new ConfigException(source, where, "invalid YAML: " + message.strip().lines().findFirst().orElse(""));
    }

    private static KafkaSettings kafka(ConfigNode node) {
        node.object("bootstrapServers", "embedded");
        String servers = node.get("bootstrapServers").string("").trim();
        ConfigNode embedded = node.get("embedded").object("port");
        int port = embedded.get("port").integer(KafkaSettings.DEFAULT_PORT, 1, 65535);
        return new KafkaSettings(servers, port);
    }

    private static HttpSettings http(ConfigNode node) {
        node.object("host", "port", "advertisedHost");
        String host = node.get("host").string("127.0.0.1").trim();
        if (host.isEmpty()) throw node.get("host").error("must not be empty");
        String advertised = node.get("advertisedHost").string(null);
        if (advertised != null && (advertised.isBlank() || advertised.contains(":") || advertised.contains("/"))) {
            throw node.get("advertisedHost").error("expected a host name or IPv4 address (no port, no scheme), got \""
                    + advertised + "\"");
        }
        return new HttpSettings(host, node.get("port").integer(8080, 0, 65535),
                advertised == null ? null : advertised.strip());
    }

    /** {@code classification.categories}: category -> {term: weight}; replaces the built-in rules. */
    private static Map<String, Map<String, Double>> classification(ConfigNode node) {
        if (node.isAbsent()) return Map.of();
        node.object("categories");
        ConfigNode categories = node.get("categories");
        if (categories.isAbsent()) return Map.of();
        if (!categories.isObject()) throw categories.error("expected a mapping of category -> {term: weight}");
        Map<String, Map<String, Double>> rules = new java.util.LinkedHashMap<>();
        for (String category : categories.keys()) {
            ConfigNode terms = categories.get(category);
            if (!category.matches("[a-z0-9][a-z0-9-]*")) {
                throw terms.error("category names are lower-case words joined by '-', got '" + category + "'");
            }
            if (!terms.isObject() || terms.keys().isEmpty()) throw terms.error("expected a mapping of term -> weight");
            Map<String, Double> weights = new java.util.LinkedHashMap<>();
            for (String term : terms.keys()) weights.put(term, weight(terms.get(term)));
            rules.put(category, weights);
        }
        return rules;
    }

    private static double weight(ConfigNode node) {
        String text = node.string(null);
        try {
            double w = Double.parseDouble(text);
            if (w > 0 && Double.isFinite(w)) return w;
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw node.error("expected a positive number (the term's weight), got \"" + text + "\"");
    }

    private static StreamSettings stream(ConfigNode node) {
        node.object("commitInterval");
        ConfigNode interval = node.get("commitInterval");
        Duration commit = interval.duration(StreamSettings.DEFAULT_COMMIT_INTERVAL);
        if (commit.compareTo(StreamSettings.MIN_COMMIT_INTERVAL) < 0
                || commit.compareTo(StreamSettings.MAX_COMMIT_INTERVAL) > 0) {
            throw interval.error("must be within 10ms..30s, got " + Durations.format(commit));
        }
        return new StreamSettings(commit);
    }

    private static MetricsSettings metrics(ConfigNode node) {
        node.object("maxLabelValues");
        return new MetricsSettings(node.get("maxLabelValues")
                .integer(MetricsSettings.DEFAULT_MAX_LABEL_VALUES, 1, 100_000));
    }

    private static FetchSettings fetch(ConfigNode node) {
        node.object("allowPrivateNetworks", "defaultInterval", "minInterval", "maxInterval", "hostConcurrency",
                "hostRequestsPerSecond");
        FetchSettings d = FetchSettings.defaults();
        boolean allowPrivate = node.get("allowPrivateNetworks").bool(d.allowPrivateNetworks());
        Duration defaultInterval = node.get("defaultInterval").duration(d.defaultInterval());
        Duration min = node.get("minInterval").duration(d.minInterval());
        Duration max = node.get("maxInterval").duration(d.maxInterval());
        if (min.compareTo(max) > 0) {
            throw node.get("minInterval").error(Durations.format(min) + " is greater than "
                    + node.get("maxInterval").path() + " (" + Durations.format(max) + ")");
        }
        if (defaultInterval.compareTo(min) < 0 || defaultInterval.compareTo(max) > 0) {
            throw node.get("defaultInterval").error(Durations.format(defaultInterval) + " is outside "
                    + node.get("minInterval").path() + ".." + node.get("maxInterval").path()
                    + " (" + Durations.format(min) + ".." + Durations.format(max) + ")");
        }
        int hostConcurrency = node.get("hostConcurrency").integer(d.hostConcurrency(), 1, 1_000);
        double hostRate = node.get("hostRequestsPerSecond").decimal(d.hostRequestsPerSecond(), 0, 1_000_000);
        return new FetchSettings(allowPrivate, defaultInterval, min, max, hostConcurrency, hostRate);
    }

    private static List<FeedSource> feeds(ConfigNode node, FetchSettings fetch) {
        List<FeedSource> feeds = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (ConfigNode item : node.list()) {
            item.object(FEED_KEYS);
            if (!item.isObject()) throw item.error("expected a mapping with id and url");
            String id = id(item.get("id"), FEED_ID, "a lower-case letter or digit, then letters, digits, '.', '_' or '-'", seen);
            String url = httpUrl(item.get("url"), true);
            String outlet = item.get("outlet").string(null);
            ConfigNode intervalNode = item.get("interval");
            Duration interval = intervalNode.duration(null);
            if (interval != null) checkWithin(intervalNode, interval, fetch);
            feeds.add(new FeedSource(id, url, outlet == null ? null : outlet.strip(), interval));
        }
        return feeds;
    }

    private static void checkWithin(ConfigNode node, Duration interval, FetchSettings fetch) {
        if (interval.compareTo(fetch.minInterval()) < 0 || interval.compareTo(fetch.maxInterval()) > 0) {
            throw node.error(Durations.format(interval) + " is outside fetch.minInterval..fetch.maxInterval ("
                    + Durations.format(fetch.minInterval()) + ".." + Durations.format(fetch.maxInterval()) + ")");
        }
    }

    private static List<Entity> entities(ConfigNode node) {
        List<Entity> entities = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (ConfigNode item : node.list()) {
            item.object(ENTITY_KEYS);
            if (!item.isObject()) throw item.error("expected a mapping with id and name");
            String id = id(item.get("id"), ENTITY_ID, "lower-case kebab case such as abrego-garcia", seen);
            String name = item.get("name").requiredString().strip();
            String type = item.get("type").string("other").strip();
            if (type.isEmpty()) throw item.get("type").error("must not be empty");
            String wikidataId = item.get("wikidataId").string(null);
            if (wikidataId != null && !WIKIDATA_ID.matcher(wikidataId.strip()).matches()) {
                throw item.get("wikidataId").error("expected a Wikidata item id such as Q42, got \"" + wikidataId + "\"");
            }
            entities.add(new Entity(id, name, type.toLowerCase(Locale.ROOT),
                    item.get("aliases").stringList(), item.get("caseSensitiveAliases").stringList(),
                    item.get("context").stringList(), item.get("exclusions").stringList(),
                    wikidataId == null ? null : wikidataId.strip()));
        }
        return entities;
    }

    private static List<Subscription> subscriptions(ConfigNode node, List<Entity> entities) {
        Set<String> entityIds = new HashSet<>();
        entities.forEach(e -> entityIds.add(e.id()));
        List<Subscription> subscriptions = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        for (ConfigNode item : node.list()) {
            item.object(SUBSCRIPTION_KEYS);
            if (!item.isObject()) throw item.error("expected a mapping with id, entities or query, and deliver");
            String id = id(item.get("id"), FEED_ID, "a lower-case letter or digit, then letters, digits, '.', '_' or '-'", seen);
            List<String> followed = new ArrayList<>();
            for (ConfigNode ref : item.get("entities").list()) {
                String entityId = ref.requiredString().strip();
                if (!entityIds.contains(entityId)) {
                    throw ref.error("unknown entity id \"" + entityId + "\" (not among the configured entities)");
                }
                if (!followed.contains(entityId)) followed.add(entityId);
            }
            String query = item.get("query").string(null);
            if (followed.isEmpty() && (query == null || query.isBlank())) {
                throw item.error("subscription " + id + " has neither entities nor query; give at least one");
            }
            if (query != null && !query.isBlank()) checkQuery(item.get("query"), query);
            subscriptions.add(new Subscription(id, followed, query, channels(item.get("deliver"), id)));
        }
        return subscriptions;
    }

    private static List<Channel> channels(ConfigNode node, String subscriptionId) {
        List<Channel> channels = new ArrayList<>();
        for (ConfigNode item : node.list()) {
            Channel channel = channel(item, subscriptionId);
            if (channel != null) channels.add(channel);
        }
        return channels;
    }

    /** One {@code deliver} entry; null when it is disabled for an unset variable. */
    private static Channel channel(ConfigNode item, String subscriptionId) {
        String type;
        ConfigNode settingsNode;
        if (item.isScalar() && !item.isAbsent()) {
            type = item.requiredString().strip();   // "- console" is short for "- console: {}"
            settingsNode = item.get(type);
        } else {
            String[] types = CHANNEL_KEYS.keySet().stream().sorted().toArray(String[]::new);
            item.object(types);
            List<String> keys = item.isObject() ? item.keys() : List.of();
            if (keys.size() != 1) {
                throw item.error("expected a single channel such as slack: {webhookUrl: ...}, webhook: {url: ...} or console: {}");
            }
            type = keys.get(0);
            settingsNode = item.get(type);
        }
        if (!CHANNEL_KEYS.containsKey(type)) {
            throw item.error("unknown channel type \"" + type + "\"" + ConfigNode.suggestion(type, "console", "slack", "webhook"));
        }
        List<String> allowed = new ArrayList<>(CHANNEL_KEYS.get(type));
        allowed.addAll(PACING_KEYS);
        settingsNode.object(allowed.toArray(String[]::new));
        Map<String, String> settings = new LinkedHashMap<>();
        // Secrets are stored as written: a ${VAR} reaches mediawatch.subscriptions as the reference, not
        // its value, and the dispatcher resolves it from its own environment (EnvReferences).
        Map<String, String> stored = new LinkedHashMap<>();
        for (String key : settingsNode.keys()) {
            ConfigNode setting = settingsNode.get(key);
            if (setting.isAbsent()) continue;
            try {
                settings.put(key, setting.stringOrUnset());
                stored.put(key, SECRET_SETTINGS.contains(key) ? setting.rawText() : settings.get(key));
            } catch (EnvSubstitution.UnsetVariable e) {
                log.warn("Subscription {}: {} channel disabled: environment variable {} is not set ({})",
                        subscriptionId, type, e.variable(), setting.path());
                return null;
            }
        }
        validateChannel(type, settingsNode, settings);
        return new Channel(type, stored);
    }

    private static void validateChannel(String type, ConfigNode node, Map<String, String> settings) {
        if (type.equals("slack")) requireUrl(node.get("webhookUrl"), settings.get("webhookUrl"));
        if (type.equals("webhook")) requireUrl(node.get("url"), settings.get("url"));
        String mode = settings.get("mode");
        if (mode != null && !MODES.contains(mode)) {
            throw node.get("mode").error("expected realtime or digest, got \"" + mode + "\"");
        }
        String every = settings.get("every");
        if (every != null) {
            node.get("every").duration(null);
        }
        String daily = settings.get("daily");
        if (daily != null) {
            try {
                LocalTime.parse(daily.strip(), TIME_OF_DAY);
            } catch (DateTimeParseException e) {
                throw node.get("daily").error("expected a time of day such as 08:00 or 17:30, got \"" + daily + "\"");
            }
        }
        String timezone = settings.get("timezone");
        if (timezone != null) {
            try {
                ZoneId.of(timezone.strip());
            } catch (DateTimeException e) {
                throw node.get("timezone").error("unknown time zone \"" + timezone + "\"; expected an id such as Europe/Madrid or UTC");
            }
        }
        validateSchedule(node, mode, every, daily, timezone);
        String secret = settings.get("secret");
        if (type.equals("webhook") && secret != null && secret.strip().startsWith("whsec_")) {
            try {
                java.util.Base64.getDecoder().decode(secret.strip().substring("whsec_".length()));
            } catch (IllegalArgumentException e) {
                // The secret itself is never repeated.
                throw node.get("secret").error("starts with whsec_ but the rest is not valid base64");
            }
        }
    }

    /** A digest has one schedule: every, or daily (with its time zone); a schedule on a realtime channel is only noted. */
    private static void validateSchedule(ConfigNode node, String mode, String every, String daily, String timezone) {
        if (!"digest".equals(mode) && (every != null || daily != null)) {
            log.warn("{}: every/daily apply only to mode: digest; this channel sends in realtime", node.path());
        }
        if (every != null && daily != null) {
            throw node.get("daily").error("give either every or daily, not both");
        }
        if (timezone != null && daily == null) {
            throw node.get("timezone").error("applies only with daily (every is counted in UTC)");
        }
    }

    private static void requireUrl(ConfigNode node, String value) {
        if (value == null || value.isBlank()) throw node.error("required, but missing or empty");
        checkHttpUrl(node, value.strip(), false);
    }

    private static String id(ConfigNode node, Pattern pattern, String expected, Map<String, String> seen) {
        String id = node.requiredString().strip();
        if (!pattern.matcher(id).matches()) throw node.error("invalid id \"" + id + "\": expected " + expected);
        String first = seen.putIfAbsent(id, node.path());
        if (first != null) throw node.error("duplicate id \"" + id + "\" (already used at " + first + ")");
        return id;
    }

    private static String httpUrl(ConfigNode node, boolean showValue) {
        String url = node.requiredString().strip();
        checkHttpUrl(node, url, showValue);
        return url;
    }

    /** Absolute http or https with a host; secret URLs (webhooks) are not repeated in the message. */
    private static void checkHttpUrl(ConfigNode node, String url, boolean showValue) {
        String shown = showValue ? " \"" + url + "\"" : "";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw node.error("invalid URL" + shown + ": " + (showValue ? e.getReason() : "it is malformed"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw node.error("invalid URL" + shown + ": expected an absolute http:// or https:// URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw node.error("invalid URL" + shown + ": it has no host");
        }
    }

    /** A query that does not parse is refused here, with the position of the error. */
    private static void checkQuery(ConfigNode node, String query) {
        try {
            QueryParser.parse(query);
        } catch (QueryParseException e) {
            throw node.error("the query does not parse: " + e.getMessage());
        }
    }
}

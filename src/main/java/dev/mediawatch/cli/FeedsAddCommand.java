package dev.mediawatch.cli;

import dev.mediawatch.config.Durations;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.FeedSource;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mediawatch feeds add --id ID --url URL [--outlet NAME] [--interval DURATION]}: add or update a feed. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a feed to the registry, or update the feed with that id.")
final class FeedsAddCommand extends RegistryCommand {
    /** The same ids the config file accepts. */
    static final Pattern FEED_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    @Option(names = "--id", required = true, paramLabel = "ID", description = "Feed id: lower-case letters, digits, '.', '_', '-'.")
    String id;

    @Option(names = "--url", required = true, paramLabel = "URL", description = "The RSS or Atom URL (http or https).")
    String url;

    @Option(names = "--outlet", paramLabel = "NAME", description = "The outlet's name (default: the id).")
    String outlet;

    @Option(names = "--interval", paramLabel = "DURATION",
            description = "Starting poll interval, e.g. 5m (default: fetch.defaultInterval); the poller adapts it.")
    String interval;

    @Option(names = "--site-url", paramLabel = "URL", description = "The outlet's web site (kept for OPML export).")
    String siteUrl;

    @Override
    int run(RegistryAccess registry) throws Exception {
        FeedSource feed = new FeedSource(validId(id), validUrl("--url", url), outlet == null ? null : outlet.strip(),
                validInterval(interval), siteUrl == null ? null : validUrl("--site-url", siteUrl));
        boolean existed = registry.feeds().containsKey(feed.id());
        registry.write(Topics.FEEDS, feed.id(), feed);
        out().println((existed ? "updated " : "added ") + feed.id() + " " + feed.url());
        out().flush();
        return Main.OK;
    }

    static String validId(String id) {
        if (!FEED_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("--id: invalid id \"" + id
                    + "\": expected lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return id;
    }

    static String validUrl(String option, String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(option + ": not a URL: " + url);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(option + ": only http and https URLs can be polled: " + url);
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException(option + ": URL without a host: " + url);
        }
        return uri.toString();
    }

    static Duration validInterval(String text) {
        if (text == null) return null;
        Duration d = Durations.parse(text);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException("--interval: must be positive: " + text);
        return d;
    }
}

package dev.mediawatch.ingest;

import dev.mediawatch.metrics.MediawatchMetrics;
import dev.mediawatch.model.FeedSource;
import dev.mediawatch.model.FeedStatus;
import dev.mediawatch.model.RawArticle;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one feed: conditional GET, parse, and for each item not seen before, fetch and extract
 * its page. It returns the articles and the feed's next status; it never throws for a bad feed:
 * failures are recorded in the status and the feed is polled again later.
 *
 * <p>Validators are trusted only so far: a {@code Last-Modified} in the future is not sent back (a
 * server comparing dates would answer 304 until that date), and after four times
 * {@link PollSchedule#maxInterval()} without a full response the feed is fetched unconditionally; a body identical to the last one (by
 * hash) is then not parsed again.
 */
public final class FeedPollJob {
    private static final int UNCONDITIONAL_AFTER_MAX_INTERVALS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(FeedPollJob.class);
    /** Clocks disagree; a Last-Modified this far ahead of ours is a lie, not skew. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** The parse step, a seam so tests can count parses. */
    @FunctionalInterface
    interface Parsing {
        ParsedFeed parse(byte[] body, String contentType, URI base) throws FeedParseException;
    }

    private final HttpFetcher fetcher;
    private final Parsing parser;
    private final ArticleExtractor extractor;
    private final PollSchedule schedule;
    private final Clock clock;

    public FeedPollJob(HttpFetcher fetcher, PollSchedule schedule, Clock clock) {
        this(fetcher, new FeedParser()::parse, schedule, clock);
    }

    FeedPollJob(HttpFetcher fetcher, Parsing parser, PollSchedule schedule, Clock clock) {
        this.fetcher = fetcher;
        this.parser = parser;
        this.extractor = new ArticleExtractor();
        this.schedule = schedule;
        this.clock = clock;
    }

    /** What one poll produced. */
    public record Outcome(FeedStatus status, List<RawArticle> articles) {
        public boolean failed() {
            return status.consecutiveFailures() > 0;
        }
    }

    /**
     * @param seen keys ({@link SeenItems#key}) of items already turned into articles for this feed; new ones are added
     */
    public Outcome poll(FeedSource feed, FeedStatus previous, Set<String> seen) {
        Instant now = clock.instant();
        Duration current = previous.interval() != null ? previous.interval() : schedule.interval(feed.interval());
        FetchResponse response;
        try {
            response = fetchFeed(URI.create(feed.url()), validatorsToSend(previous, now));
        } catch (FetchException e) {
            return failed(feed, previous, now, current, e.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    e.getMessage(), e.retryAfter());
        } catch (RuntimeException e) {
            return failed(feed, previous, now, current, "bad-url", String.valueOf(e.getMessage()), null);
        }
        if (response.notModified()) {
            FeedStatus s = succeeded(feed, previous, now, "not-modified", trusted(response.validators(), now),
                    previous.contentHash(), 0, schedule.adapt(current, List.of(), 0), previous.lastFetchedAt(),
                    previous.seenItems());
            return new Outcome(s, List.of());
        }
        String hash = sha256(response.body());
        Validators v = trusted(response.validators(), now);
        if (hash.equals(previous.contentHash())) {
            // Validators that never change, or a server without them: the body itself says nothing is new.
            FeedStatus s = succeeded(feed, previous, now, "not-modified", v, hash, 0,
                    schedule.adapt(current, List.of(), 0), now, previous.seenItems());
            return new Outcome(s, List.of());
        }
        ParsedFeed parsed;
        try {
            parsed = parser.parse(response.body(), response.contentType(), response.finalUri());
        } catch (FeedParseException e) {
            return failed(feed, previous, now, current, "parse-error", e.getMessage(), null);
        }
        List<String> keys = new ArrayList<>();
        List<RawArticle> articles = newArticles(feed, parsed, seen, keys, now);
        List<Instant> published = parsed.entries().stream().map(FeedEntry::published).toList();
        FeedStatus s = succeeded(feed, previous, now, "ok", v, hash, articles.size(),
                schedule.adapt(current, published, articles.size()), now, keys);
        return new Outcome(s, articles);
    }

    /**
     * How long a feed may answer only 304 before one unconditional GET: a few times the longest
     * interval, so that a quiet feed polled at the maximum interval still enjoys conditional GET.
     */
    Duration unconditionalAfter() {
        return schedule.maxInterval().multipliedBy(UNCONDITIONAL_AFTER_MAX_INTERVALS);
    }

    private Validators validatorsToSend(FeedStatus previous, Instant now) {
        Validators v = new Validators(previous.etag(), previous.lastModified());
        if (v.isEmpty()) return v;
        Instant lastFull = previous.lastFetchedAt();
        if (lastFull != null && !now.isBefore(lastFull.plus(unconditionalAfter()))) {
            // A server whose validators never change would answer 304 for ever; the content hash decides instead.
            LOG.debug("feed {}: no full response since {}; fetching unconditionally", previous.feedId(), lastFull);
            return Validators.none();
        }
        return v;
    }

    /** The validators worth sending back: a Last-Modified in the future would freeze the feed until then. */
    private static Validators trusted(Validators v, Instant now) {
        if (v.lastModified() == null) return v;
        try {
            Instant at = ZonedDateTime.parse(v.lastModified().trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            if (at.isAfter(now.plus(CLOCK_SKEW))) return new Validators(v.etag(), null);
        } catch (DateTimeParseException e) {
            // Not a date we understand: the server may still understand its own format, so keep it.
        }
        return v;
    }

    private List<RawArticle> newArticles(FeedSource feed, ParsedFeed parsed, Set<String> seen, List<String> keys,
                                         Instant now) {
        List<RawArticle> articles = new ArrayList<>();
        Set<String> inDocument = new LinkedHashSet<>();
        for (FeedEntry entry : parsed.entries()) {
            if (entry.link() == null) continue;
            String link = UrlCanonicalizer.canonicalize(entry.link());
            String key = SeenItems.key(link);
            if (inDocument.size() < SeenItems.PERSISTED) inDocument.add(key);
            if (!seen.add(key)) continue;
            articles.add(article(feed, entry, link, now));
        }
        keys.addAll(inDocument);
        return articles;
    }

    private RawArticle article(FeedSource feed, FeedEntry entry, String link, Instant now) {
        ExtractedPage page = fetchPage(link);
        String url = page != null && page.canonicalUrl() != null ? page.canonicalUrl() : link;
        Instant published = entry.published() != null ? entry.published()
                : page != null && page.publishedAt() != null ? page.publishedAt() : now;
        String title = nonBlank(entry.title(), page == null ? null : page.title());
        String text = page == null ? entry.summary() : page.text();
        return new RawArticle(ArticleIds.of(url), feed.id(), url, title, feed.outlet(), published, clock.instant(),
                entry.summary(), text, page == null ? null : page.byline(), page == null ? null : page.language(),
                page != null && page.truncated());
    }

    private ExtractedPage fetchPage(String link) {
        try {
            FetchResponse page = timed("page", URI.create(link), Validators.none());
            return extractor.extract(page.body(), page.contentType(), page.finalUri());
        } catch (FetchException | RuntimeException e) {
            // The feed's summary stands in for the text; the article is not lost.
            LOG.info("page {} not fetched ({}); using the feed summary", link, e.getMessage());
            return null;
        }
    }

    private FetchResponse fetchFeed(URI uri, Validators validators) throws FetchException {
        return timed("feed", uri, validators);
    }

    private FetchResponse timed(String kind, URI uri, Validators validators) throws FetchException {
        long start = System.nanoTime();
        try {
            FetchResponse r = fetcher.get(uri, validators);
            MediawatchMetrics.FETCH_BYTES.labelValues(kind).inc(r.body().length);
            return r;
        } finally {
            MediawatchMetrics.FETCH_DURATION.labelValues(kind).observe((System.nanoTime() - start) / 1e9);
        }
    }

    private static FeedStatus succeeded(FeedSource feed, FeedStatus prev, Instant now, String result, Validators v,
                                        String hash, int newItems, Duration interval, Instant lastFetchedAt, List<String> seenKeys) {
        return new FeedStatus(feed.id(), feed.url(), v.etag(), v.lastModified(), hash, now, now,
                now.plus(interval), result, 0, null, prev.itemsSeen() + newItems, interval, lastFetchedAt, seenKeys);
    }

    private Outcome failed(FeedSource feed, FeedStatus prev, Instant now, Duration current, String kind, String error,
                           Duration retryAfter) {
        int failures = prev.consecutiveFailures() + 1;
        LOG.warn("feed {} failed ({} in a row): {}: {}", feed.id(), failures, kind, error);
        FeedStatus status = new FeedStatus(feed.id(), feed.url(), prev.etag(), prev.lastModified(), prev.contentHash(),
                now, prev.lastSuccessAt(), schedule.afterFailure(now, current, failures, retryAfter), kind,
                failures, error, prev.itemsSeen(), prev.interval(), prev.lastFetchedAt(), prev.seenItems());
        return new Outcome(status, List.of());
    }

    private static String nonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : b == null ? "" : b;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

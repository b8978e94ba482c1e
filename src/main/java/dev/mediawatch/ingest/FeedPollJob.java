package dev.mediawatch.ingest;

import dev.mediawatch.model.FeedSource;
import dev.mediawatch.model.FeedStatus;
import dev.mediawatch.model.RawArticle;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of one feed: conditional GET, parse, and for each item not seen before, fetch and extract
 * its page. It returns the articles and the feed's next status; it never throws for a bad feed:
 * failures are recorded in the status and the feed is polled again later.
 */
public final class FeedPollJob {
    private static final Logger LOG = LoggerFactory.getLogger(FeedPollJob.class);

    private final HttpFetcher fetcher;
    private final FeedParser parser;
    private final ArticleExtractor extractor;
    private final PollSchedule schedule;
    private final Clock clock;

    public FeedPollJob(HttpFetcher fetcher, PollSchedule schedule, Clock clock) {
        this.fetcher = fetcher;
        this.parser = new FeedParser();
        this.extractor = new ArticleExtractor();
        this.schedule = schedule;
        this.clock = clock;
    }

    /** What one poll produced. */
    public record Outcome(FeedStatus status, List<RawArticle> articles) {
    }

    /**
     * @param seen canonical links already turned into articles for this feed; new ones are added
     */
    public Outcome poll(FeedSource feed, FeedStatus previous, Set<String> seen) {
        Instant now = clock.instant();
        FetchResponse response;
        try {
            response = fetcher.get(URI.create(feed.url()), new Validators(previous.etag(), previous.lastModified()));
        } catch (FetchException e) {
            return failed(feed, previous, now, e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    e.getMessage(), e.retryAfter());
        } catch (RuntimeException e) {
            return failed(feed, previous, now, "bad-url", String.valueOf(e.getMessage()), null);
        }
        if (response.notModified()) {
            return new Outcome(succeeded(feed, previous, now, "not-modified", previous.etag(), previous.lastModified(),
                    previous.contentHash(), 0), List.of());
        }
        String hash = sha256(response.body());
        Validators v = response.validators();
        if (hash.equals(previous.contentHash())) {
            // Validators that never change, or a server without them: the body itself says nothing is new.
            return new Outcome(succeeded(feed, previous, now, "not-modified", v.etag(), v.lastModified(), hash, 0),
                    List.of());
        }
        ParsedFeed parsed;
        try {
            parsed = parser.parse(response.body(), response.contentType(), response.finalUri());
        } catch (FeedParseException e) {
            return failed(feed, previous, now, "parse-error", e.getMessage(), null);
        }
        List<RawArticle> articles = newArticles(feed, parsed, seen, now);
        return new Outcome(succeeded(feed, previous, now, "ok", v.etag(), v.lastModified(), hash, articles.size()),
                articles);
    }

    private List<RawArticle> newArticles(FeedSource feed, ParsedFeed parsed, Set<String> seen, Instant now) {
        List<RawArticle> articles = new ArrayList<>();
        for (FeedEntry entry : parsed.entries()) {
            if (entry.link() == null) continue;
            String link = UrlCanonicalizer.canonicalize(entry.link());
            if (!seen.add(link)) continue;
            articles.add(article(feed, entry, link, now));
        }
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
            FetchResponse page = fetcher.get(URI.create(link), Validators.none());
            return extractor.extract(page.body(), page.contentType(), page.finalUri());
        } catch (FetchException | RuntimeException e) {
            // The feed's summary stands in for the text; the article is not lost.
            LOG.info("page {} not fetched ({}); using the feed summary", link, e.getMessage());
            return null;
        }
    }

    private FeedStatus succeeded(FeedSource feed, FeedStatus prev, Instant now, String result, String etag,
                                 String lastModified, String hash, int newItems) {
        return new FeedStatus(feed.id(), feed.url(), etag, lastModified, hash, now, now,
                schedule.afterSuccess(now, feed.interval()), result, 0, null, prev.itemsSeen() + newItems);
    }

    private Outcome failed(FeedSource feed, FeedStatus prev, Instant now, String kind, String error,
                           Duration retryAfter) {
        int failures = prev.consecutiveFailures() + 1;
        LOG.warn("feed {} failed ({} in a row): {}: {}", feed.id(), failures, kind, error);
        FeedStatus status = new FeedStatus(feed.id(), feed.url(), prev.etag(), prev.lastModified(), prev.contentHash(),
                now, prev.lastSuccessAt(), schedule.afterFailure(now, feed.interval(), failures, retryAfter), kind,
                failures, error, prev.itemsSeen());
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

package dev.mediawatch.ingest;

import static dev.mediawatch.ingest.LoopbackServer.respond;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.mediawatch.model.FeedSource;
import dev.mediawatch.model.FeedStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One poll at a time against a loopback server, with a clock moved by hand. */
class FeedPollJobTest {
    private static final FetchPolicy LOOPBACK = new FetchPolicy(true, Duration.ofSeconds(2), Duration.ofSeconds(5),
            1024 * 1024, 3, "mediawatch-test/1");
    private static final Duration MIN = Duration.ofMinutes(2);
    private static final Duration MAX = Duration.ofHours(1);

    private final MutableClock clock = new MutableClock(Instant.parse("2025-04-14T12:00:00Z"));
    private final PollSchedule schedule = new PollSchedule(Duration.ofMinutes(5), MIN, MAX);
    private final AtomicInteger parses = new AtomicInteger();
    private final AtomicReference<String> feedBody = new AtomicReference<>(rss("one"));
    private LoopbackServer server;
    private HttpFetcher fetcher;
    private FeedPollJob job;
    private FeedSource feed;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
        server.handle("/articles/", ex -> respond(ex, 200, "text/html; charset=utf-8",
                "<html><head><title>t</title></head><body><article><p>Body text of the article.</p></article></body></html>"
                        .getBytes(StandardCharsets.UTF_8)));
        fetcher = new HttpFetcher(LOOPBACK);
        FeedParser parser = new FeedParser();
        job = new FeedPollJob(fetcher, (body, type, base) -> {
            parses.incrementAndGet();
            return parser.parse(body, type, base);
        }, schedule, clock);
        feed = new FeedSource("loop", server.uri("/feed").toString(), "Loopback", Duration.ofMinutes(5));
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    private String rss(String... slugs) {
        StringBuilder items = new StringBuilder();
        for (String slug : slugs) {
            items.append("<item><title>").append(slug).append("</title><link>")
                    .append("http://127.0.0.1:PORT/articles/").append(slug).append("</link><guid>").append(slug)
                    .append("</guid></item>");
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Loop</title>" + items + "</channel></rss>";
    }

    private void serveFeed(String etag, String lastModified, boolean honourValidators) {
        server.handle("/feed", ex -> {
            String inm = ex.getRequestHeaders().getFirst("If-None-Match");
            String ims = ex.getRequestHeaders().getFirst("If-Modified-Since");
            if (honourValidators && ((etag != null && etag.equals(inm)) || (lastModified != null && lastModified.equals(ims)))) {
                respond(ex, 304, null, new byte[0]);
                return;
            }
            if (etag != null) ex.getResponseHeaders().set("ETag", etag);
            if (lastModified != null) ex.getResponseHeaders().set("Last-Modified", lastModified);
            respond(ex, 200, "application/rss+xml", body());
        });
    }

    private byte[] body() {
        return feedBody.get().replace("PORT", String.valueOf(server.port())).getBytes(StandardCharsets.UTF_8);
    }

    private long feedRequests() {
        return server.requests.stream().filter(ex -> ex.getRequestURI().getPath().equals("/feed")).count();
    }

    private HttpExchange lastFeedRequest() {
        List<HttpExchange> feedRequests = server.requests.stream()
                .filter(ex -> ex.getRequestURI().getPath().equals("/feed")).toList();
        return feedRequests.get(feedRequests.size() - 1);
    }

    @Test
    void aNotModifiedAnswerCostsNoParseAndKeepsTheValidators() {
        serveFeed("\"v1\"", null, true);
        Set<String> seen = new HashSet<>();
        FeedStatus first = job.poll(feed, FeedStatus.initial(feed), seen).status();
        clock.advance(Duration.ofMinutes(5));

        FeedPollJob.Outcome second = job.poll(feed, first, seen);

        assertThat(lastFeedRequest().getRequestHeaders().getFirst("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(second.status().result()).isEqualTo("not-modified");
        assertThat(second.status().etag()).isEqualTo("\"v1\"");
        assertThat(second.articles()).isEmpty();
        assertThat(parses).hasValue(1);
    }

    @Test
    void anUnchangedBodyWithoutValidatorsIsNotParsedAgain() {
        serveFeed(null, null, false);
        Set<String> seen = new HashSet<>();
        FeedStatus first = job.poll(feed, FeedStatus.initial(feed), seen).status();

        FeedPollJob.Outcome second = job.poll(feed, first, seen);

        assertThat(second.status().result()).isEqualTo("not-modified");
        assertThat(parses).hasValue(1);
    }

    @Test
    void aLastModifiedInTheFutureIsNotSentBackSoTheFeedIsNotFrozen() {
        String future = "Fri, 01 Jan 2100 00:00:00 GMT";
        serveFeed(null, future, true);
        Set<String> seen = new HashSet<>();
        FeedStatus first = job.poll(feed, FeedStatus.initial(feed), seen).status();
        feedBody.set(rss("one", "two"));
        clock.advance(Duration.ofMinutes(5));

        FeedPollJob.Outcome second = job.poll(feed, first, seen);

        assertThat(lastFeedRequest().getRequestHeaders().getFirst("If-Modified-Since")).isNull();
        assertThat(second.articles()).extracting(a -> a.title()).containsExactly("two");
    }

    @Test
    void validatorsThatNeverChangeDoNotFreezeTheFeed() {
        // The server answers 304 to its one ETag whatever its content: only an unconditional GET sees news.
        serveFeed("\"forever\"", null, true);
        Set<String> seen = new HashSet<>();
        FeedStatus status = job.poll(feed, FeedStatus.initial(feed), seen).status();
        feedBody.set(rss("one", "two"));
        clock.advance(Duration.ofMinutes(5));
        status = job.poll(feed, status, seen).status();
        assertThat(status.result()).isEqualTo("not-modified");

        clock.advance(MAX);
        status = job.poll(feed, status, seen).status();
        assertThat(lastFeedRequest().getRequestHeaders().getFirst("If-None-Match"))
                .as("a quiet feed polled at the maximum interval still sends its validators").isEqualTo("\"forever\"");

        clock.advance(MAX.multipliedBy(4));
        FeedPollJob.Outcome later = job.poll(feed, status, seen);

        assertThat(lastFeedRequest().getRequestHeaders().getFirst("If-None-Match")).isNull();
        assertThat(later.articles()).extracting(a -> a.title()).containsExactly("two");
        assertThat(later.status().lastFetchedAt()).isEqualTo(clock.instant());
    }

    @Test
    void aFailingFeedIsUnhealthyAndTriedAgainWithGrowingBackOff() {
        AtomicInteger answer = new AtomicInteger(500);
        server.handle("/feed", ex -> {
            if (answer.get() == 500) respond(ex, 500, "boom");
            else respond(ex, 200, "application/rss+xml", body());
        });
        FeedStatus status = FeedStatus.initial(feed);
        Duration previousDelay = Duration.ZERO;
        for (int i = 1; i <= 4; i++) {
            status = job.poll(feed, status, new HashSet<>()).status();
            Duration delay = Duration.between(clock.instant(), status.nextPollAt());
            assertThat(status.healthy()).isFalse();
            assertThat(status.consecutiveFailures()).isEqualTo(i);
            assertThat(status.result()).isEqualTo("http-status");
            assertThat(status.lastError()).contains("500");
            assertThat(delay).isGreaterThan(previousDelay).isLessThanOrEqualTo(MAX);
            previousDelay = delay;
            clock.advance(delay);
        }
        assertThat(feedRequests()).isEqualTo(4);

        answer.set(200);
        FeedStatus recovered = job.poll(feed, status, new HashSet<>()).status();
        assertThat(recovered.healthy()).isTrue();
        assertThat(recovered.lastError()).isNull();
    }

    @Test
    void aFeedFailingForeverIsStillTriedAtTheMaximumInterval() {
        server.handle("/feed", ex -> respond(ex, 503, "down"));
        FeedStatus status = FeedStatus.initial(feed);
        for (int i = 0; i < 30; i++) status = job.poll(feed, status, new HashSet<>()).status();

        assertThat(status.nextPollAt()).isEqualTo(clock.instant().plus(MAX));
    }

    @Test
    void retryAfterSetsTheNextPoll() {
        server.handle("/feed", ex -> {
            ex.getResponseHeaders().set("Retry-After", "900");
            respond(ex, 429, "slow down");
        });

        FeedStatus status = job.poll(feed, FeedStatus.initial(feed), new HashSet<>()).status();

        assertThat(status.result()).isEqualTo("http-status");
        assertThat(status.nextPollAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15)));
    }

    @Test
    void theSeenItemsInTheStatusSpareANewOwnerThePageFetches() {
        serveFeed(null, null, false);
        feedBody.set(rss("one", "two"));
        FeedStatus first = job.poll(feed, FeedStatus.initial(feed), new HashSet<>()).status();
        long pagesBefore = server.requests.stream().filter(ex -> ex.getRequestURI().getPath().startsWith("/articles/"))
                .count();
        feedBody.set(rss("one", "two", "three"));

        // A new owner knows only the status record.
        Set<String> restored = new HashSet<>(first.seenItems());
        FeedPollJob.Outcome second = job.poll(feed, first, restored);

        long pagesAfter = server.requests.stream().filter(ex -> ex.getRequestURI().getPath().startsWith("/articles/"))
                .count();
        assertThat(first.seenItems()).hasSize(2).allMatch(k -> k.matches("[0-9a-f]{12}"));
        assertThat(second.articles()).extracting(a -> a.title()).containsExactly("three");
        assertThat(pagesAfter - pagesBefore).isEqualTo(1);
    }

    @Test
    void theIntervalAdaptsAfterEachPoll() {
        serveFeed("\"v1\"", null, true);
        FeedStatus first = job.poll(feed, FeedStatus.initial(feed), new HashSet<>()).status();
        clock.advance(first.interval());

        FeedStatus idle = job.poll(feed, first, new HashSet<>(first.seenItems())).status();

        assertThat(idle.interval()).isGreaterThan(first.interval());
        assertThat(idle.nextPollAt()).isEqualTo(clock.instant().plus(idle.interval()));
    }
}

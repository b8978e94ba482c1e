package dev.mediawatch.ingest;

import static dev.mediawatch.ingest.LoopbackServer.respond;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpFetcherTest {

    private static final FetchPolicy LOOPBACK = new FetchPolicy(true, Duration.ofSeconds(2), Duration.ofSeconds(5),
            1024 * 1024, 3, "mediawatch-test/1");

    private LoopbackServer server;
    private HttpFetcher fetcher;

    @BeforeEach
    void start() throws IOException {
        server = new LoopbackServer();
        fetcher = new HttpFetcher(LOOPBACK);
    }

    @AfterEach
    void stop() {
        fetcher.close();
        server.close();
    }

    @Test
    void returnsBodyContentTypeAndNewValidators() throws Exception {
        server.handle("/feed", ex -> {
            ex.getResponseHeaders().set("ETag", "\"v2\"");
            ex.getResponseHeaders().set("Last-Modified", "Mon, 14 Apr 2025 12:00:00 GMT");
            respond(ex, 200, "application/rss+xml", "<rss/>".getBytes(StandardCharsets.UTF_8));
        });

        FetchResponse r = fetcher.get(server.uri("/feed"), Validators.none());

        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("<rss/>");
        assertThat(r.contentType()).isEqualTo("application/rss+xml");
        assertThat(r.validators()).isEqualTo(new Validators("\"v2\"", "Mon, 14 Apr 2025 12:00:00 GMT"));
        assertThat(server.requests.get(0).getRequestHeaders().getFirst("User-Agent")).isEqualTo("mediawatch-test/1");
    }

    @Test
    void sendsValidatorsAndReportsNotModified() throws Exception {
        server.handle("/feed", ex -> respond(ex, 304, null, new byte[0]));
        Validators sent = new Validators("\"v1\"", "Sun, 13 Apr 2025 08:00:00 GMT");

        FetchResponse r = fetcher.get(server.uri("/feed"), sent);

        assertThat(r.notModified()).isTrue();
        assertThat(r.validators()).isEqualTo(sent);
        var headers = server.requests.get(0).getRequestHeaders();
        assertThat(headers.getFirst("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(headers.getFirst("If-Modified-Since")).isEqualTo("Sun, 13 Apr 2025 08:00:00 GMT");
    }

    @Test
    void parsesRetryAfterSecondsOn429() {
        server.handle("/feed", ex -> {
            ex.getResponseHeaders().set("Retry-After", "120");
            respond(ex, 429, "slow down");
        });

        assertFetchFails(() -> fetcher.get(server.uri("/feed"), null), FetchException.Kind.HTTP_STATUS)
                .satisfies(e -> {
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(120));
                });
    }

    @Test
    void parsesRetryAfterHttpDateOn429() {
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(120));
        server.handle("/feed", ex -> {
            ex.getResponseHeaders().set("Retry-After", inTwoMinutes);
            respond(ex, 429, "slow down");
        });

        assertFetchFails(() -> fetcher.get(server.uri("/feed"), null), FetchException.Kind.HTTP_STATUS)
                .satisfies(e -> assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(120)));
    }

    @Test
    void otherStatusesThrowWithTheStatus() {
        server.handle("/gone", ex -> respond(ex, 404, "no"));

        assertFetchFails(() -> fetcher.get(server.uri("/gone"), null), FetchException.Kind.HTTP_STATUS)
                .satisfies(e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void followsRedirectsAndReportsTheFinalUri() throws Exception {
        server.handle("/old", ex -> {
            ex.getResponseHeaders().set("Location", "/new?x=1");
            respond(ex, 301, "moved");
        });
        server.handle("/new", ex -> respond(ex, 200, "here"));

        FetchResponse r = fetcher.get(server.uri("/old"), null);

        assertThat(r.finalUri()).isEqualTo(server.uri("/new?x=1"));
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("here");
    }

    @Test
    void redirectLoopEndsWithTooManyRedirects() {
        server.handle("/loop", ex -> {
            ex.getResponseHeaders().set("Location", "/loop");
            respond(ex, 302, "again");
        });

        assertFetchFails(() -> fetcher.get(server.uri("/loop"), null), FetchException.Kind.TOO_MANY_REDIRECTS);
        assertThat(server.requests).hasSize(LOOPBACK.maxRedirects() + 1);
    }

    @Test
    void redirectToAForbiddenAddressIsBlockedBeforeAnyRequest() throws Exception {
        try (LoopbackServer internal = new LoopbackServer()) {
            internal.handle("/", ex -> respond(ex, 200, "secret"));
            server.handle("/feed", ex -> {
                ex.getResponseHeaders().set("Location", internal.uri("/latest/meta-data/").toString());
                respond(ex, 302, "go");
            });
            HttpFetcher guarded = trustingOnly(server.uri("/"));

            try (guarded) {
                assertFetchFails(() -> guarded.get(server.uri("/feed"), null), FetchException.Kind.BLOCKED);
            }
            assertThat(internal.requests).isEmpty();
        }
    }

    @Test
    void redirectToMetadataServiceIsBlocked() {
        server.handle("/feed", ex -> {
            ex.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/");
            respond(ex, 302, "go");
        });
        try (HttpFetcher guarded = trustingOnly(server.uri("/"))) {
            assertFetchFails(() -> guarded.get(server.uri("/feed"), null), FetchException.Kind.BLOCKED);
        }
    }

    @Test
    void loopbackIsBlockedWhenPrivateNetworksAreDisallowed() {
        server.handle("/", ex -> respond(ex, 200, "secret"));
        try (HttpFetcher strict = new HttpFetcher(FetchPolicy.defaults(false))) {
            assertFetchFails(() -> strict.get(server.uri("/"), null), FetchException.Kind.BLOCKED);
        }
        assertThat(server.requests).isEmpty();
    }

    @Test
    void slowHeadersAreCutOffAtTheTotalTimeout() {
        server.handle("/slow", ex -> {
            sleep(10_000);
            respond(ex, 200, "late");
        });
        HttpFetcher impatient = new HttpFetcher(withTotalTimeout(Duration.ofMillis(800)));

        long start = System.nanoTime();
        try (impatient) {
            assertFetchFails(() -> impatient.get(server.uri("/slow"), null), FetchException.Kind.TIMEOUT);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void tricklingBodyIsCutOffAtTheTotalTimeout() {
        server.handle("/trickle", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write('x');
                    out.flush();
                    sleep(200);
                }
            }
        });
        HttpFetcher impatient = new HttpFetcher(withTotalTimeout(Duration.ofMillis(800)));

        long start = System.nanoTime();
        try (impatient) {
            assertFetchFails(() -> impatient.get(server.uri("/trickle"), null), FetchException.Kind.TIMEOUT);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void oversizedBodyWithContentLengthIsRefused() {
        server.handle("/big", ex -> respond(ex, 200, null, new byte[2 * 1024 * 1024]));

        assertFetchFails(() -> fetcher.get(server.uri("/big"), null), FetchException.Kind.TOO_LARGE);
    }

    @Test
    void oversizedChunkedBodyIsCutOff() {
        server.handle("/big", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 64; i++) out.write(new byte[64 * 1024]);
            } catch (IOException expected) {
                // the client hangs up once it has seen too much
            }
        });

        assertFetchFails(() -> fetcher.get(server.uri("/big"), null), FetchException.Kind.TOO_LARGE);
    }

    @Test
    void gzipBombIsCutOffAfterDecompression() throws IOException {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
        assertThat((long) bomb.length).isLessThan(LOOPBACK.maxBytes() / 4);
        server.handle("/bomb", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            respond(ex, 200, "text/html", bomb);
        });

        assertFetchFails(() -> fetcher.get(server.uri("/bomb"), null), FetchException.Kind.TOO_LARGE);
    }

    @Test
    void decodesGzipAndDeflateBodies() throws Exception {
        byte[] text = "<rss>compressed</rss>".getBytes(StandardCharsets.UTF_8);
        server.handle("/gz", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            respond(ex, 200, "application/xml", gzip(text));
        });
        server.handle("/deflate", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "deflate");
            respond(ex, 200, "application/xml", deflate(text));
        });

        assertThat(fetcher.get(server.uri("/gz"), null).body()).isEqualTo(text);
        assertThat(fetcher.get(server.uri("/deflate"), null).body()).isEqualTo(text);
        assertThat(server.requests.get(0).getRequestHeaders().getFirst("Accept-Encoding")).contains("gzip");
    }

    private HttpFetcher trustingOnly(URI trusted) {
        return new HttpFetcher(FetchPolicy.defaults(false), uri -> {
            if (!uri.getRawAuthority().equals(trusted.getRawAuthority())) AddressGuard.check(uri, false);
        });
    }

    private static FetchPolicy withTotalTimeout(Duration total) {
        return new FetchPolicy(true, Duration.ofMillis(500), total, LOOPBACK.maxBytes(), 3, "mediawatch-test/1");
    }

    private static org.assertj.core.api.ObjectAssert<FetchException> assertFetchFails(ThrowingCallable call,
                                                                                       FetchException.Kind kind) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
        assertThat(thrown).isInstanceOf(FetchException.class);
        FetchException e = (FetchException) thrown;
        assertThat(e.kind()).as("kind of %s", e).isEqualTo(kind);
        return org.assertj.core.api.Assertions.assertThatObject(e);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] deflate(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

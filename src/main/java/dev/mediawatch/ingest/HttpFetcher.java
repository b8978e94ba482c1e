package dev.mediawatch.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conditional GETs of untrusted URLs within a {@link FetchPolicy}: every hop is checked by {@link AddressGuard},
 * redirects are followed by hand (so each target is checked), the body is decompressed here (so its size is counted
 * after decompression) and the whole call, body included, ends by {@link FetchPolicy#totalTimeout()}.
 * Thread-safe; one instance is meant to be shared.
 */
public final class HttpFetcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpFetcher.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Checks a URI before each request; a seam so tests can trust their loopback server and nothing else. */
    @FunctionalInterface
    interface UriGuard {
        void check(URI uri) throws FetchException;
    }

    private final FetchPolicy policy;
    private final UriGuard guard;
    private final ExecutorService executor;
    private final HttpClient client;
    private final HostLimiter limiter;

    /** A fetcher without per-host limits, for one-shot commands. */
    public HttpFetcher(FetchPolicy policy) {
        this(policy, HostLimiter.unlimited());
    }

    /** A fetcher whose every request, redirects included, takes its turn from {@code limiter}. */
    public HttpFetcher(FetchPolicy policy, HostLimiter limiter) {
        this(policy, uri -> AddressGuard.check(uri, policy.allowPrivateNetworks()), limiter);
    }

    HttpFetcher(FetchPolicy policy, UriGuard guard) {
        this(policy, guard, HostLimiter.unlimited());
    }

    HttpFetcher(FetchPolicy policy, UriGuard guard, HostLimiter limiter) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mediawatch-http-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(policy.connectTimeout())
                .executor(executor)
                .build();
    }

    /**
     * GET with If-None-Match / If-Modified-Since from {@code validators}. 2xx and 304 return; other statuses throw
     * {@link FetchException.Kind#HTTP_STATUS}, with Retry-After parsed (seconds or HTTP date) where sent.
     */
    public FetchResponse get(URI uri, Validators validators) throws FetchException {
        Objects.requireNonNull(uri, "uri");
        Validators sent = validators == null ? Validators.none() : validators;
        // The total timeout starts once the first request may go out: waiting for a polite turn at a busy
        // host is bounded by the limiter, and must not eat the time the request itself is given.
        long deadline = Long.MIN_VALUE;
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            guard.check(current);
            HttpResponse<InputStream> response;
            try (HostLimiter.Permit permit = limiter.acquire(HostLimiter.hostOf(current))) {
                if (deadline == Long.MIN_VALUE) deadline = System.nanoTime() + policy.totalTimeout().toNanos();
                response = send(current, sent, deadline);
                int status = response.statusCode();
                LOG.debug("GET {}://{}{} -> {}", current.getScheme(), current.getRawAuthority(), current.getRawPath(),
                        status);
                if (!isRedirect(status)) return finish(current, response, sent, deadline);
                closeQuietly(response.body());
            }
            if (redirects >= policy.maxRedirects()) {
                throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS,
                        "more than " + policy.maxRedirects() + " redirects");
            }
            current = redirectTarget(current, response);
        }
    }

    /** The per-host limits this fetcher keeps to. */
    public HostLimiter hostLimiter() {
        return limiter;
    }

    private HttpResponse<InputStream> send(URI uri, Validators validators, long deadline) throws FetchException {
        Duration remaining = remaining(deadline);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(remaining)
                .header("User-Agent", policy.userAgent())
                .header("Accept-Encoding", "gzip, deflate")
                .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
                        + "text/html;q=0.9, */*;q=0.8");
        if (validators.etag() != null) request.header("If-None-Match", validators.etag());
        if (validators.lastModified() != null) request.header("If-Modified-Since", validators.lastModified());
        CompletableFuture<HttpResponse<InputStream>> future =
                client.sendAsync(request.build(), info -> new DeadlineBodySubscriber(deadline));
        try {
            return future.get(remaining.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new FetchException(FetchException.Kind.TIMEOUT, "no response within " + policy.totalTimeout(), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Kind.IO, "interrupted", e);
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        }
    }

    private static FetchException translate(Throwable cause) {
        if (cause instanceof HttpTimeoutException) {
            return new FetchException(FetchException.Kind.TIMEOUT, cause.getMessage(), cause);
        }
        if (cause instanceof IllegalArgumentException) {
            return new FetchException(FetchException.Kind.BAD_URL, cause.getMessage(), cause);
        }
        return new FetchException(FetchException.Kind.IO, String.valueOf(cause.getMessage()), cause);
    }

    private FetchResponse finish(URI uri, HttpResponse<InputStream> response, Validators sent, long deadline)
            throws FetchException {
        int status = response.statusCode();
        Duration retryAfter = response.headers().firstValue("Retry-After").map(HttpFetcher::parseRetryAfter)
                .orElse(null);
        if (status == 304) {
            closeQuietly(response.body());
            return new FetchResponse(304, uri, new byte[0], null, newValidators(response, sent), retryAfter);
        }
        if (status < 200 || status > 299) {
            closeQuietly(response.body());
            throw FetchException.httpStatus(status, retryAfter, "HTTP " + status);
        }
        byte[] body = readBody(response, deadline);
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        return new FetchResponse(status, uri, body, contentType, newValidators(response, Validators.none()),
                retryAfter);
    }

    private static Validators newValidators(HttpResponse<?> response, Validators fallback) {
        String etag = response.headers().firstValue("ETag").orElse(fallback.etag());
        String lastModified = response.headers().firstValue("Last-Modified").orElse(fallback.lastModified());
        return new Validators(etag, lastModified);
    }

    private byte[] readBody(HttpResponse<InputStream> response, long deadline) throws FetchException {
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        String encoding = response.headers().firstValue("Content-Encoding").orElse("identity")
                .trim().toLowerCase(Locale.ROOT);
        InputStream raw = response.body();
        if (encoding.equals("identity") && declared > policy.maxBytes()) {
            closeQuietly(raw);
            throw tooLarge();
        }
        try (InputStream in = decode(raw, encoding)) {
            return readLimited(in);
        } catch (DeadlineBodySubscriber.DeadlineExceeded e) {
            throw new FetchException(FetchException.Kind.TIMEOUT, "body not read within " + policy.totalTimeout(), e);
        } catch (FetchException e) {
            throw e;
        } catch (IOException e) {
            throw new FetchException(FetchException.Kind.IO, "reading body: " + e.getMessage(), e);
        } finally {
            closeQuietly(raw);
        }
    }

    private byte[] readLimited(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16 * 1024];
        long total = 0;
        for (int n; (n = in.read(buf)) >= 0; ) {
            total += n;
            if (total > policy.maxBytes()) throw tooLarge();
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private FetchException tooLarge() {
        return new FetchException(FetchException.Kind.TOO_LARGE, "body larger than " + policy.maxBytes() + " bytes");
    }

    private static InputStream decode(InputStream raw, String encoding) throws IOException {
        return switch (encoding) {
            case "gzip", "x-gzip" -> new GZIPInputStream(raw, 8192);
            case "deflate" -> inflate(raw);
            case "identity", "" -> raw;
            default -> throw new IOException("unsupported Content-Encoding " + encoding);
        };
    }

    /** "deflate" is meant to be zlib-wrapped, but some servers send raw deflate: tell them apart by the header. */
    private static InputStream inflate(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        int cmf = in.read();
        int flg = in.read();
        if (flg >= 0) in.unread(flg);
        if (cmf >= 0) in.unread(cmf);
        boolean zlib = cmf >= 0 && flg >= 0 && (cmf & 0x0f) == 8 && ((cmf << 8) | flg) % 31 == 0;
        return new InflaterInputStream(in, new Inflater(!zlib), 8192);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI redirectTarget(URI from, HttpResponse<?> response) throws FetchException {
        String location = response.headers().firstValue("Location")
                .orElseThrow(() -> FetchException.httpStatus(response.statusCode(), null,
                        "HTTP " + response.statusCode() + " without Location"));
        try {
            return from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new FetchException(FetchException.Kind.BAD_URL, "bad redirect Location", e);
        }
    }

    /** Seconds or an HTTP date; null when unparseable, since a bad header should not fail the fetch. */
    static Duration parseRetryAfter(String value) {
        String v = value.trim();
        try {
            if (v.chars().allMatch(Character::isDigit) && !v.isEmpty()) return Duration.ofSeconds(Long.parseLong(v));
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration d = Duration.between(Instant.now(), at.toInstant());
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    private Duration remaining(long deadline) throws FetchException {
        long nanos = deadline - System.nanoTime();
        if (nanos <= 0) throw new FetchException(FetchException.Kind.TIMEOUT, "total timeout " + policy.totalTimeout());
        return Duration.ofNanos(nanos);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do: we are discarding this body
        }
    }

    @Override
    public void close() {
        // the JDK 17 client has no close(); stopping its executor lets idle connections and threads go
        executor.shutdownNow();
    }
}

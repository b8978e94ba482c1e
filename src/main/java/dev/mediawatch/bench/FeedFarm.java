package dev.mediawatch.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Many RSS feeds served on loopback, each with an ETag: a conditional GET for an unchanged feed gets
 * 304 (the bytes of the feed it did not have to send are counted as saved). Between polls a given
 * share of the feeds publish one new item, whose article page is served too.
 */
final class FeedFarm implements AutoCloseable {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String PARAGRAPH = "The regional council met on Tuesday to review the budget for the coming "
            + "year, and members questioned officials about delays to the water project that residents have waited "
            + "on for more than a decade. The director said the contracts would be signed within weeks. ";

    private final HttpServer server;
    private final ExecutorService executor;
    private final int feeds;
    private final double changedShare;
    private final AtomicIntegerArray versions;
    private final AtomicIntegerArray requests;
    private final AtomicLong feedRequests = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong pageRequests = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesSaved = new AtomicLong();
    /** Items a second apart: the adaptive schedule then keeps every feed at the minimum interval, always due. */
    private final Instant epoch = Instant.now().minusSeconds(3600);

    /** Counters at one moment. */
    record Counts(long feedRequests, long notModified, long pageRequests, long bytesSent, long bytesSaved) {
        Counts minus(Counts o) {
            return new Counts(feedRequests - o.feedRequests, notModified - o.notModified,
                    pageRequests - o.pageRequests, bytesSent - o.bytesSent, bytesSaved - o.bytesSaved);
        }
    }

    FeedFarm(int feeds, double changedShare) throws IOException {
        this.feeds = feeds;
        this.changedShare = changedShare;
        this.versions = new AtomicIntegerArray(feeds);
        this.requests = new AtomicIntegerArray(feeds);
        // One item at first: the first round is a set-up (one page per feed), not what is measured.
        for (int i = 0; i < feeds; i++) versions.set(i, 1);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "mediawatch-bench-feeds");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/feed/", this::feed);
        server.createContext("/article/", this::article);
        server.start();
    }

    String feedUrl(int i) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/feed/" + i + ".xml";
    }

    /** How many feeds have been requested at least {@code times} times. */
    int feedsRequestedAtLeast(int times) {
        int n = 0;
        for (int i = 0; i < feeds; i++) if (requests.get(i) >= times) n++;
        return n;
    }

    Counts counts() {
        return new Counts(feedRequests.get(), notModified.get(), pageRequests.get(), bytesSent.get(), bytesSaved.get());
    }

    private void feed(HttpExchange ex) throws IOException {
        try (ex) {
            String name = ex.getRequestURI().getPath().substring("/feed/".length()).replace(".xml", "");
            int i = Integer.parseInt(name);
            int seen = requests.incrementAndGet(i);
            feedRequests.incrementAndGet();
            // From the second poll on, a share of the feeds has published something since the last one.
            if (seen > 1 && new SplittableRandom(i * 1_000_003L + seen).nextDouble() < changedShare) {
                versions.incrementAndGet(i);
            }
            int v = versions.get(i);
            String etag = "\"" + i + "-" + v + "\"";
            byte[] body = rss(i, v);
            if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                notModified.incrementAndGet();
                bytesSaved.addAndGet(body.length);
                ex.getResponseHeaders().set("ETag", etag);
                ex.sendResponseHeaders(304, -1);
                return;
            }
            ex.getResponseHeaders().set("ETag", etag);
            ex.getResponseHeaders().set("Content-Type", "application/rss+xml; charset=utf-8");
            send(ex, body);
        } catch (RuntimeException e) {
            ex.sendResponseHeaders(404, -1);
        }
    }

    private void article(HttpExchange ex) throws IOException {
        try (ex) {
            pageRequests.incrementAndGet();
            String path = ex.getRequestURI().getPath();
            String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Council reviews budget "
                    + path + "</title></head><body><header><nav><a href=\"/\">Home</a></nav></header><main><article>"
                    + "<h1>Council reviews budget</h1><p>" + PARAGRAPH + "</p><p>" + PARAGRAPH + "</p><p>" + PARAGRAPH
                    + "</p></article></main><footer>Bench Gazette</footer></body></html>";
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            send(ex, html.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void send(HttpExchange ex, byte[] body) throws IOException {
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
        bytesSent.addAndGet(body.length);
    }

    /** The feed at version {@code v}: its three newest items, v-2 to v, with a short summary each. */
    private byte[] rss(int i, int v) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        StringBuilder xml = new StringBuilder(4096);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Bench feed ")
                .append(i).append("</title><link>").append(base).append("/</link><description>Feed ").append(i)
                .append(" of the benchmark</description>");
        for (int item = v; item > Math.max(0, v - 3); item--) {
            String link = base + "/article/" + i + "/" + item;
            xml.append("<item><title>Council reviews budget, part ").append(item).append("</title><link>").append(link)
                    .append("</link><guid>").append(link).append("</guid><pubDate>")
                    .append(RFC_1123.format(epoch.plusSeconds(item))).append("</pubDate><description>")
                    .append(PARAGRAPH).append("</description></item>");
        }
        return xml.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    static String describe(int feeds, double changedShare) {
        return String.format(Locale.ROOT, "%d feeds, %.0f%% changed between polls", feeds, changedShare * 100);
    }
}

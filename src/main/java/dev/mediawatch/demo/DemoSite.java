package dev.mediawatch.demo;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline demo's news web: the bundled sample feeds and article pages (resources under
 * {@code demo/}) served over HTTP on loopback, with every {@code {{base}}} placeholder replaced by
 * this server's own base URL, so the real poller can fetch them as it would any outlet.
 *
 * <p>The root path serves a small index of the feeds (the outlets' "home page" their feeds link to);
 * any other path answers 404.
 *
 * <p>Feeds can be released gradually ({@link #releaseGradually(Duration)}) so a demo shows alerts
 * arriving over time: all items of all feeds are put in one release order, oldest publication date
 * first, and an item is listed only once its place in that order is below the visible count, which
 * grows by one each period. Article pages are always served, listed or not.
 */
public final class DemoSite implements AutoCloseable {

    /** How many items are listed at once when a gradual release starts. */
    public static final int DEFAULT_INITIALLY_VISIBLE = 3;

    static final String RESOURCE_ROOT = "/demo/";
    static final String BASE_PLACEHOLDER = "{{base}}";

    private static final Logger LOG = LoggerFactory.getLogger(DemoSite.class);
    private static final Pattern FEED_PATH = Pattern.compile("/feeds/([a-z0-9-]+\\.xml)");
    private static final Pattern ARTICLE_PATH = Pattern.compile("/articles/([a-z0-9-]+\\.html)");
    private static final String HTML = "text/html; charset=utf-8";

    /** A bundled feed: its id, resource file, outlet and media type. */
    private record Bundled(String id, String file, String outlet, String contentType) {
    }

    private static final List<Bundled> BUNDLED = List.of(
            new Bundled("demo-wire", "wire.xml", "Demo Wire Service", "application/rss+xml; charset=utf-8"),
            new Bundled("demo-national", "national.xml", "The Demo Times", "application/atom+xml; charset=utf-8"),
            new Bundled("demo-radio", "radio.xml", "Demo Public Radio", "application/rss+xml; charset=utf-8"),
            new Bundled("demo-elsalvador", "elsalvador.xml", "Diario Demo de El Salvador",
                    "application/rss+xml; charset=utf-8"));

    private final HttpServer server;
    private final ExecutorService handlers;
    private final URI baseUri;
    private final Map<String, FeedTemplate> templates;
    /** For each feed file, each item's place in the release order (indexed like the template's items). */
    private final Map<String, int[]> releaseRank;
    private final int totalItems;
    private final Map<String, String> articleCache = new ConcurrentHashMap<>();
    private final AtomicInteger visibleCount = new AtomicInteger(Integer.MAX_VALUE);
    private final ScheduledExecutorService releaser;
    private ScheduledFuture<?> releaseTask;

    private DemoSite(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
        this.baseUri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        this.templates = loadTemplates(baseUri);
        this.releaseRank = rankByPublication(templates);
        this.totalItems = templates.values().stream().mapToInt(t -> t.items().size()).sum();
        this.releaser = Executors.newSingleThreadScheduledExecutor(daemon("demo-site-release"));
    }

    /**
     * Starts the site on {@code 127.0.0.1}, every item visible.
     *
     * @param port the port to listen on; 0 picks any free port
     */
    public static DemoSite start(int port) throws IOException {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        ExecutorService handlers = Executors.newFixedThreadPool(4, daemon("demo-site-http"));
        server.setExecutor(handlers);
        DemoSite site;
        try {
            site = new DemoSite(server, handlers);
        } catch (RuntimeException e) {
            server.stop(0);
            handlers.shutdownNow();
            throw e;
        }
        server.createContext("/", site::handle);
        server.start();
        LOG.info("Demo site serving {} feeds ({} items) at {}", BUNDLED.size(), site.totalItems, site.baseUri);
        return site;
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    /** The bundled feeds as served here: demo-wire, demo-national, demo-radio, demo-elsalvador. */
    public List<DemoFeed> feeds() {
        return BUNDLED.stream()
                .map(b -> new DemoFeed(b.id(), URI.create(baseUri + "/feeds/" + b.file()), b.outlet()))
                .toList();
    }

    /** Lists every item of every feed from now on, and stops a gradual release. */
    public synchronized void releaseAll() {
        cancelRelease();
        visibleCount.set(Integer.MAX_VALUE);
    }

    /** {@link #releaseGradually(Duration, int)} starting with {@link #DEFAULT_INITIALLY_VISIBLE} items. */
    public DemoSite releaseGradually(Duration every) {
        return releaseGradually(every, DEFAULT_INITIALLY_VISIBLE);
    }

    /**
     * Lists only the {@code initiallyVisible} oldest items (over all feeds) from now on, and one
     * more each {@code every}, until all are listed.
     *
     * @return this site
     */
    public synchronized DemoSite releaseGradually(Duration every, int initiallyVisible) {
        Objects.requireNonNull(every, "every");
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("every must be positive, was " + every);
        }
        if (initiallyVisible < 0) {
            throw new IllegalArgumentException("initiallyVisible must be >= 0, was " + initiallyVisible);
        }
        cancelRelease();
        visibleCount.set(Math.min(initiallyVisible, totalItems));
        long periodNanos = every.toNanos();
        releaseTask = releaser.scheduleAtFixedRate(this::releaseOne, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        LOG.info("Demo site releasing {} of {} items now, one more every {}", visibleCount.get(), totalItems, every);
        return this;
    }

    /** How many items are listed now, over all feeds. */
    public int visibleItems() {
        return Math.min(visibleCount.get(), totalItems);
    }

    /** How many items the bundled feeds hold in all. */
    public int totalItems() {
        return totalItems;
    }

    @Override
    public void close() {
        synchronized (this) {
            cancelRelease();
        }
        releaser.shutdownNow();
        server.stop(0);
        handlers.shutdownNow();
    }

    private void releaseOne() {
        int now = visibleCount.updateAndGet(n -> n >= totalItems ? n : n + 1);
        if (now >= totalItems) {
            synchronized (this) {
                cancelRelease();
            }
        }
    }

    private void cancelRelease() {
        if (releaseTask != null) {
            releaseTask.cancel(false);
            releaseTask = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Matcher feed = FEED_PATH.matcher(path);
            Matcher article = ARTICLE_PATH.matcher(path);
            if (path.equals("/")) {
                respond(exchange, HTML, indexPage());
            } else if (feed.matches() && templates.containsKey(feed.group(1))) {
                respond(exchange, contentType(feed.group(1)), renderFeed(feed.group(1)));
            } else if (article.matches() && articleExists(article.group(1))) {
                respond(exchange, HTML, article(article.group(1)));
            } else {
                respondNotFound(exchange);
            }
        } catch (RuntimeException e) {
            LOG.warn("Demo site failed on {}: {}", exchange.getRequestURI(), e.toString());
            throw e;
        } finally {
            exchange.close();
        }
    }

    /** The outlets' home page that feeds link to: a plain list of the feeds, for people and for link checks. */
    private String indexPage() {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
                + "<title>mediawatch demo news</title></head>\n<body>\n<h1>mediawatch demo news</h1>\n"
                + "<p>Fictional outlets serving demo content written for mediawatch.</p>\n<ul>\n");
        for (DemoFeed feed : feeds()) {
            page.append("<li><a href=\"").append(feed.url()).append("\">").append(feed.outlet()).append("</a></li>\n");
        }
        return page.append("</ul>\n</body>\n</html>\n").toString();
    }

    private String renderFeed(String file) {
        int[] ranks = releaseRank.get(file);
        int visible = visibleCount.get();
        return templates.get(file).render(i -> ranks[i] < visible);
    }

    private static String contentType(String file) {
        return BUNDLED.stream().filter(b -> b.file().equals(file)).findFirst().orElseThrow().contentType();
    }

    private boolean articleExists(String file) {
        return DemoSite.class.getResource(RESOURCE_ROOT + "articles/" + file) != null;
    }

    private String article(String file) {
        return articleCache.computeIfAbsent(file,
                f -> readResource("articles/" + f).replace(BASE_PLACEHOLDER, baseUri.toString()));
    }

    private static void respond(HttpExchange exchange, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String etag = etag(bytes);
        Headers headers = exchange.getResponseHeaders();
        headers.set("ETag", etag);
        headers.set("Cache-Control", "no-cache");
        if (matches(exchange.getRequestHeaders().get("If-None-Match"), etag)) {
            exchange.sendResponseHeaders(304, -1);
            return;
        }
        headers.set("Content-Type", contentType);
        if (exchange.getRequestMethod().equals("HEAD")) {
            headers.set("Content-Length", Integer.toString(bytes.length));
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void respondNotFound(HttpExchange exchange) throws IOException {
        byte[] bytes = "Not found\n".getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        exchange.sendResponseHeaders(404, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Whether an {@code If-None-Match} header (possibly several, comma-separated, weak) names {@code etag}. */
    static boolean matches(List<String> ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String header : ifNoneMatch) {
            for (String candidate : header.split(",")) {
                String tag = candidate.trim();
                if (tag.startsWith("W/")) {
                    tag = tag.substring(2);
                }
                if (tag.equals("*") || tag.equals(etag)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + HexFormat.of().formatHex(digest, 0, 12) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always present", e);
        }
    }

    private static Map<String, FeedTemplate> loadTemplates(URI base) {
        Map<String, FeedTemplate> templates = new LinkedHashMap<>();
        for (Bundled b : BUNDLED) {
            String text = readResource("feeds/" + b.file()).replace(BASE_PLACEHOLDER, base.toString());
            templates.put(b.file(), FeedTemplate.parse(b.file(), text));
        }
        return Map.copyOf(templates);
    }

    /** Oldest first over all feeds; ties keep the order of {@link #BUNDLED} and of items in a feed. */
    private static Map<String, int[]> rankByPublication(Map<String, FeedTemplate> templates) {
        record Slot(String file, int feedOrder, int index, FeedTemplate.Item item) {
        }
        List<Slot> slots = new ArrayList<>();
        for (int f = 0; f < BUNDLED.size(); f++) {
            String file = BUNDLED.get(f).file();
            List<FeedTemplate.Item> items = templates.get(file).items();
            for (int i = 0; i < items.size(); i++) {
                slots.add(new Slot(file, f, i, items.get(i)));
            }
        }
        slots.sort(Comparator.comparing((Slot s) -> s.item().published())
                .thenComparingInt(Slot::feedOrder)
                .thenComparingInt(Slot::index));
        Map<String, int[]> ranks = new LinkedHashMap<>();
        templates.forEach((file, t) -> ranks.put(file, new int[t.items().size()]));
        for (int rank = 0; rank < slots.size(); rank++) {
            Slot s = slots.get(rank);
            ranks.get(s.file())[s.index()] = rank;
        }
        return Map.copyOf(ranks);
    }

    static String readResource(String relative) {
        String name = RESOURCE_ROOT + relative;
        try (InputStream in = DemoSite.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("bundled demo resource missing: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled demo resource " + name, e);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

package dev.mediawatch;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on loopback serving test resources, with {@code {{base}}} replaced by its own address. */
public final class LoopbackSite implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String[]> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    private LoopbackSite(HttpServer server) {
        this.server = server;
    }

    public static LoopbackSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        LoopbackSite site = new LoopbackSite(server);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            site.hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            String[] route = site.routes.get(path);
            byte[] body = route == null ? "not found".getBytes(StandardCharsets.UTF_8)
                    : site.load(route[0]).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", route == null ? "text/plain" : route[1]);
            ex.sendResponseHeaders(route == null ? 404 : 200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return site;
    }

    /** Serves the classpath resource at {@code path} with the given content type. */
    public LoopbackSite route(String path, String resource, String contentType) {
        routes.put(path, new String[] {resource, contentType});
        return this;
    }

    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public URI uri(String path) {
        return base().resolve(path);
    }

    public int hits(String path) {
        AtomicInteger n = hits.get(path);
        return n == null ? 0 : n.get();
    }

    private String load(String resource) throws IOException {
        try (InputStream in = LoopbackSite.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException("missing test resource " + resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{base}}", base().toString());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.mediawatch.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.mediawatch.metrics.MediawatchMetrics;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/** The HTTP endpoints of a mediawatch process: health, Prometheus metrics, and the API. */
public final class ApiServer implements AutoCloseable {
    private static final ExpositionFormats FORMATS = ExpositionFormats.init();
    private final HttpServer server;

    private ApiServer(HttpServer server) {
        this.server = server;
    }

    public static ApiServer start(String host, int port, BooleanSupplier ready) throws IOException {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 0);
        } catch (java.net.BindException e) {
            throw new IOException("HTTP port " + host + ":" + port + " is already in use; set http.port or --http-port", e);
        }
        server.createContext("/health/live", ex -> respond(ex, 200, "{\"status\":\"up\"}"));
        server.createContext("/health/ready", ex -> {
            boolean ok = ready.getAsBoolean();
            respond(ex, ok ? 200 : 503, ok ? "{\"status\":\"ready\"}" : "{\"status\":\"starting\"}");
        });
        server.createContext("/metrics", ApiServer::metrics);
        // Cached, not fixed: each Server-Sent Events stream holds a thread for as long as it is open
        // (AlertStreamHandler bounds how many); other requests are short.
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "mediawatch-http");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new ApiServer(server);
    }

    /** Prometheus text format, or OpenMetrics when the scraper asks for it. */
    private static void metrics(HttpExchange ex) throws IOException {
        ExpositionFormatWriter writer = FORMATS.findWriter(ex.getRequestHeaders().getFirst("Accept"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writer.write(body, MediawatchMetrics.registry().scrape());
        ex.getResponseHeaders().set("Content-Type", writer.getContentType());
        ex.sendResponseHeaders(200, body.size());
        try (OutputStream out = ex.getResponseBody()) {
            body.writeTo(out);
        }
    }

    /** Adds an endpoint; the server may already be running. */
    public ApiServer route(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

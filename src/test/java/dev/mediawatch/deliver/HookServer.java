package dev.mediawatch.deliver;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A Slack-compatible incoming-webhook server (and generic webhook receiver) on loopback. Each path answers
 * from a script of responses, then its default ("ok" 200 unless set), and records every request it got.
 */
final class HookServer implements AutoCloseable {
    record Reply(int status, String body, Map<String, String> headers) {
        static Reply ok() {
            return new Reply(200, "ok", Map.of());
        }

        static Reply of(int status, String body) {
            return new Reply(status, body, Map.of());
        }
    }

    record Request(Instant at, String path, Headers headers, String body) {
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, Reply> defaults = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();

    HookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (requests) {
                requests.add(new Request(Instant.now(), path, ex.getRequestHeaders(), body));
            }
            CountDownLatch hold = holds.get(path);
            if (hold != null) {
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Reply reply = next(path);
            reply.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    private Reply next(String path) {
        Deque<Reply> script = scripts.get(path);
        synchronized (this) {
            if (script != null && !script.isEmpty()) return script.poll();
        }
        return defaults.getOrDefault(path, Reply.ok());
    }

    /** Answers these first, in order, then the default. */
    synchronized HookServer script(String path, Reply... replies) {
        scripts.computeIfAbsent(path, p -> new ArrayDeque<>()).addAll(List.of(replies));
        return this;
    }

    HookServer always(String path, Reply reply) {
        defaults.put(path, reply);
        return this;
    }

    /** Requests to this path hang until the returned latch is counted down. */
    CountDownLatch hold(String path) {
        CountDownLatch latch = new CountDownLatch(1);
        holds.put(path, latch);
        return latch;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Request> requests(String path) {
        synchronized (requests) {
            return requests.stream().filter(r -> r.path().equals(path)).toList();
        }
    }

    @Override
    public void close() {
        holds.values().forEach(CountDownLatch::countDown);
        server.stop(0);
    }
}

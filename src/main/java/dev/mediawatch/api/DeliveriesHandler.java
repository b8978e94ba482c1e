package dev.mediawatch.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.mediawatch.deliver.DeliveryLog;
import dev.mediawatch.deliver.DeliveryQuery;
import dev.mediawatch.kafka.Json;
import dev.mediawatch.model.Delivery;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/deliveries[?alert=ID][&subscription=ID][&status=S][&channel=KEY_OR_TYPE][&limit=N]}: the
 * latest outcomes from {@code mediawatch.deliveries}, newest first, as {@code {"deliveries":[...]}}.
 * Channels appear by type and key only; the audit trail never holds URLs or secrets.
 */
public final class DeliveriesHandler implements HttpHandler {
    private final DeliveryLog log;

    public DeliveriesHandler(DeliveryLog log) {
        this.log = log;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        if (!ex.getRequestMethod().equals("GET")) {
            ex.getResponseHeaders().set("Allow", "GET");
            ApiServer.respond(ex, 405, "{\"error\":\"method not allowed; use GET\"}");
            return;
        }
        DeliveryQuery query;
        try {
            query = query(Query.parse(ex.getRequestURI()));
        } catch (IllegalArgumentException e) {
            ObjectNode error = Json.mapper().createObjectNode().put("error", e.getMessage());
            ApiServer.respond(ex, 400, Json.mapper().writeValueAsString(error));
            return;
        }
        List<Delivery> found = query.apply(log.all());
        ObjectNode body = Json.mapper().createObjectNode();
        body.set("deliveries", Json.mapper().valueToTree(found));
        ApiServer.respond(ex, 200, Json.mapper().writeValueAsString(body));
    }

    static DeliveryQuery query(Map<String, String> params) {
        for (String name : params.keySet()) {
            if (!List.of("alert", "subscription", "status", "channel", "limit").contains(name)) {
                throw new IllegalArgumentException("unknown parameter \"" + name
                        + "\"; expected alert, subscription, status, channel or limit");
            }
        }
        int limit = DeliveryQuery.DEFAULT_LIMIT;
        String rawLimit = params.get("limit");
        if (rawLimit != null) {
            try {
                limit = Integer.parseInt(rawLimit.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("limit must be a whole number, got \"" + rawLimit + "\"");
            }
        }
        return new DeliveryQuery(blankToNull(params.get("alert")), blankToNull(params.get("subscription")),
                blankToNull(params.get("status")), blankToNull(params.get("channel")), limit);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

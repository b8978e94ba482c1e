package dev.mediawatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * Who wants to hear about what: the value on {@code mediawatch.subscriptions}, keyed by {@link #id()}.
 *
 * @param entities entity ids; an article mentioning any of them alerts
 * @param query    optional boolean query that an article must also satisfy (may be null)
 * @param deliver  the channels alerts go to
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(String id, List<String> entities, String query, List<Channel> deliver) {
    public Subscription {
        Objects.requireNonNull(id, "id");
        entities = entities == null ? List.of() : List.copyOf(entities);
        deliver = deliver == null ? List.of() : List.copyOf(deliver);
        if (query != null && query.isBlank()) query = null;
    }
}

package dev.mediawatch.stream;

import java.time.Instant;

/** A burst of coverage on one entity, as the spike detector saw it. */
public record Spike(String entityId, String entityName, int count, double expected, long windowMinutes,
                    Instant at, String lastTitle, String lastUrl, String lastOutlet) {
}

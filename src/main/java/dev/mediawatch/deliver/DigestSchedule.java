package dev.mediawatch.deliver;

import dev.mediawatch.config.Durations;
import dev.mediawatch.model.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When a {@code mode: digest} channel sends: every fixed period ({@code every: 1h}, boundaries aligned to
 * the epoch in UTC, so at the top of each hour) or once a day at a local time ({@code daily: "08:00"},
 * {@code timezone: Europe/Madrid}, default UTC). Pure: {@link #next(Instant)} is all there is, so the state
 * a restart must keep is only which alerts are pending, never when the last digest went out.
 */
public final class DigestSchedule {
    /** Used when a digest channel names neither {@code every} nor {@code daily}. */
    public static final Duration DEFAULT_PERIOD = Duration.ofHours(1);
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("H:mm", Locale.ROOT);

    private final Duration every;
    private final LocalTime daily;
    private final ZoneId zone;

    private DigestSchedule(Duration every, LocalTime daily, ZoneId zone) {
        this.every = every;
        this.daily = daily;
        this.zone = Objects.requireNonNull(zone, "zone");
        if (every != null && (every.isNegative() || every.isZero())) {
            throw new IllegalArgumentException("digest period must be positive: " + every);
        }
    }

    public static DigestSchedule every(Duration period) {
        return new DigestSchedule(Objects.requireNonNull(period, "period"), null, ZoneOffset.UTC);
    }

    public static DigestSchedule daily(LocalTime at, ZoneId zone) {
        return new DigestSchedule(null, Objects.requireNonNull(at, "at"), zone);
    }

    /** The channel's schedule when its {@code mode} is {@code digest}; empty for realtime channels. */
    public static Optional<DigestSchedule> of(Channel channel) {
        if (!"digest".equals(channel.settings().get("mode"))) return Optional.empty();
        String daily = channel.settings().get("daily");
        if (daily != null) {
            String tz = channel.settings().getOrDefault("timezone", "UTC");
            return Optional.of(daily(LocalTime.parse(daily.strip(), TIME_OF_DAY), ZoneId.of(tz.strip())));
        }
        String every = channel.settings().get("every");
        return Optional.of(every(every == null ? DEFAULT_PERIOD : Durations.parse(every)));
    }

    /** The first send time strictly after {@code t}. */
    public Instant next(Instant t) {
        if (every != null) {
            long period = every.toMillis();
            long ms = t.toEpochMilli();
            return Instant.ofEpochMilli(Math.floorDiv(ms, period) * period + period);
        }
        ZonedDateTime local = t.atZone(zone);
        ZonedDateTime candidate = local.toLocalDate().atTime(daily).atZone(zone);
        while (!candidate.toInstant().isAfter(t)) {
            candidate = candidate.toLocalDate().plusDays(1).atTime(daily).atZone(zone);
        }
        return candidate.toInstant();
    }

    /** For messages: {@code every 1h} or {@code daily at 08:00 Europe/Madrid}. */
    @Override
    public String toString() {
        return every != null ? "every " + Durations.format(every) : "daily at " + daily + " " + zone.getId();
    }
}

package dev.mediawatch.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.model.Channel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestScheduleTest {

    @Test
    void everyHourSendsAtTheTopOfTheNextHour() {
        DigestSchedule s = DigestSchedule.every(Duration.ofHours(1));
        assertThat(s.next(Instant.parse("2025-04-14T12:00:00Z"))).isEqualTo(Instant.parse("2025-04-14T13:00:00Z"));
        assertThat(s.next(Instant.parse("2025-04-14T12:59:59.999Z"))).isEqualTo(Instant.parse("2025-04-14T13:00:00Z"));
    }

    @Test
    void dailyFollowsTheLocalClockAcrossDaylightSavingTime() {
        DigestSchedule s = DigestSchedule.daily(LocalTime.of(8, 0), ZoneId.of("Europe/Madrid"));
        // 2025-03-30: clocks go from UTC+1 to UTC+2 in Madrid.
        assertThat(s.next(Instant.parse("2025-03-29T06:59:00Z"))).isEqualTo(Instant.parse("2025-03-29T07:00:00Z"));
        assertThat(s.next(Instant.parse("2025-03-29T07:00:00Z"))).isEqualTo(Instant.parse("2025-03-30T06:00:00Z"));
    }

    @Test
    void readsTheChannelSettings() {
        assertThat(DigestSchedule.of(new Channel("slack", Map.of("webhookUrl", "x")))).isEmpty();
        assertThat(DigestSchedule.of(new Channel("slack", Map.of("mode", "realtime")))).isEmpty();
        assertThat(DigestSchedule.of(new Channel("slack", Map.of("mode", "digest", "every", "30m"))).orElseThrow())
                .hasToString("every 30m");
        assertThat(DigestSchedule.of(new Channel("console", Map.of("mode", "digest", "daily", "8:00",
                "timezone", "America/El_Salvador"))).orElseThrow()).hasToString("daily at 08:00 America/El_Salvador");
        assertThat(DigestSchedule.of(new Channel("console", Map.of("mode", "digest"))).orElseThrow())
                .hasToString("every 1h");
    }
}

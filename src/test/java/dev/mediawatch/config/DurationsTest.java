package dev.mediawatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "30s, PT30S",
            "5m, PT5M",
            "1h, PT1H",
            "2h30m, PT2H30M",
            "1d, PT24H",
            "1d2h3m4s, PT26H3M4S",
            "250ms, PT0.25S",
            "' 5m ', PT5M",
            "PT5M, PT5M",
            "pt90s, PT1M30S",
    })
    void parsesShortAndIsoForms(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "300", "5x", "m5", "5 m", "30m2h", "5m5m", "PT", "1.5h", "-5m"})
    void refusesOtherFormsWithAClearMessage(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid duration \"" + text + "\"")
                .hasMessageContaining("30s, 5m, 1h");
    }

    @Test
    void bareNumberSaysTheUnitIsMissing() {
        assertThatThrownBy(() -> Durations.parse("300")).hasMessageContaining("unit is missing");
    }

    @Test
    void formatIsTheInverseOfParse() {
        assertThat(Durations.format(Duration.ofMinutes(150))).isEqualTo("2h30m");
        assertThat(Durations.parse(Durations.format(Duration.ofSeconds(93_784)))).isEqualTo(Duration.ofSeconds(93_784));
    }
}

package dev.mediawatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedLabelsTest {
    @Test
    void admittedValuesKeepTheirNameAndEverythingElseIsOther() {
        BoundedLabels entities = BoundedLabels.of("entity", 10, List.of("cecot", "abrego-garcia"));

        assertThat(entities.label("cecot")).isEqualTo("cecot");
        assertThat(entities.label("https://example.org/article/123")).isEqualTo("other");
        assertThat(entities.label(null)).isEqualTo("other");
    }

    @Test
    void valuesBeyondTheLimitFoldIntoOther() {
        BoundedLabels outlets = BoundedLabels.of("outlet", 2, List.of("NPR", "PBS", "BBC"));

        assertThat(outlets.label("NPR")).isEqualTo("NPR");
        assertThat(outlets.label("PBS")).isEqualTo("PBS");
        assertThat(outlets.label("BBC")).isEqualTo("other");
        assertThat(outlets.admit("CNN")).isFalse();
        assertThat(outlets.values()).containsExactly("NPR", "PBS", "other");
    }

    @Test
    void aValueAddedWhileRunningIsAdmittedWhileThereIsRoom() {
        BoundedLabels entities = BoundedLabels.of("entity", 2, List.of("cecot"));

        assertThat(entities.admit("bukele")).isTrue();
        assertThat(entities.admit("bukele")).isTrue();
        assertThat(entities.admit("rubio")).isFalse();
        assertThat(entities.label("bukele")).isEqualTo("bukele");
        assertThat(entities.label("rubio")).isEqualTo("other");
    }

    @Test
    void otherAndBlankAreNeverAdmittedAsValuesOfTheirOwn() {
        BoundedLabels categories = BoundedLabels.of("category", 5, List.of("other", " ", "courts"));

        assertThat(categories.values()).containsExactly("courts", "other");
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatThrownBy(() -> BoundedLabels.of("entity", 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }
}

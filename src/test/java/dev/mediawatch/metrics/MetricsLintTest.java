package dev.mediawatch.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.PrometheusTools;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Names, help texts, units and counter suffixes of every mediawatch metric, as promtool judges them. */
class MetricsLintTest {
    @Test
    void promtoolFindsNothingToComplainAboutInTheRegistry() throws Exception {
        JvmMetrics.builder().register(MediawatchMetrics.registry()); // once per registry; later calls do nothing
        MetricLabels.install(new MetricLabels(10, List.of("zero-feed"), List.of("Lint Outlet"), List.of("lint-a", "lint-b"),
                List.of("lint-desk"), List.of("courts", "other")));

        PrometheusTools.Result lint = PrometheusTools.promtool(Scrapes.text(), "check", "metrics");

        assertThat(lint.output()).isBlank();
        assertThat(lint.exitCode()).isZero();
    }

    @Test
    void everyMetricHasTheMediawatchPrefixAndAHelpText() {
        MediawatchMetrics.registry().scrape().stream()
                .filter(s -> !s.getMetadata().getName().startsWith("jvm_")
                        && !s.getMetadata().getName().startsWith("process_"))
                .forEach(s -> {
                    assertThat(s.getMetadata().getName()).startsWith("mediawatch_");
                    assertThat(s.getMetadata().getHelp()).isNotBlank();
                });
    }
}

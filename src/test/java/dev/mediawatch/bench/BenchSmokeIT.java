package dev.mediawatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick benchmark, end to end on real embedded brokers and a loopback feed server: it must keep
 * producing every figure. It asserts that each was measured, not that the targets are met (CI machines vary).
 */
class BenchSmokeIT {
    @TempDir
    Path dir;

    @Test
    void quickRunProducesEveryFigure() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        BenchReport report = new Bench(BenchOptions.quick(), dir, new PrintStream(progress, true, StandardCharsets.UTF_8)).run();

        List<String> names = report.figures().stream().map(Figure::name).toList();
        assertThat(names).containsExactly("broker produce+consume", "broker produce+consume bytes", "broker produce only",
                "record size", "pipeline exactly_once_v2 sustained", "pipeline exactly_once_v2 through", "alerts per article", "pipeline at_least_once sustained",
                "exactly-once vs at-least-once", "latency p50 raw->alert", "latency p99 raw->alert",
                "latency max raw->alert", "feeds polled", "CPU per 1,000 polls", "bytes saved by conditional GET");
        assertThat(report.brokerLimit().recordsPerSecond()).isPositive();
        assertThat(report.brokerLimit().recordBytes()).isGreaterThan(3_000); // 600-900 words of text
        assertThat(report.exactlyOnce().sustained()).isPositive();
        assertThat(report.atLeastOnce().sustained()).isPositive();
        // Every article raises at least its entity desks' alert; the queries add a few, not dozens.
        // (A step the pipeline fell behind on has not read all its alerts: only sustained steps count.)
        assertThat(report.exactlyOnce().steps()).filteredOn(PipelineBench.Step::sustained).isNotEmpty()
                .allSatisfy(s -> assertThat(s.alertsPerArticle()).isBetween(1.0, 30.0));
        assertThat(report.latency().alerted()).isEqualTo(report.latency().articles());
        assertThat(report.latency().p50()).isPositive();
        assertThat(report.latency().p99()).isGreaterThanOrEqualTo(report.latency().p50());
        assertThat(report.latency().max()).isGreaterThanOrEqualTo(report.latency().p99());
        assertThat(report.pollers().polls()).isPositive();
        assertThat(report.pollers().notModified()).isPositive();
        assertThat(report.pollers().bytesSaved()).isPositive();
        assertThat(report.pollers().cpuSecondsPerThousand()).isPositive();
        assertThat(report.figures()).filteredOn(f -> !f.ratioName().isEmpty())
                .allSatisfy(f -> assertThat(f.ratio()).isFinite());
        assertThat(report.toText()).contains("pipeline / broker limit", "exactly-once / at-least-once", "p99 / p50");
        assertThat(report.toJson()).contains("\"figures\"", "\"ratio\"", "\"machine\"");
    }
}

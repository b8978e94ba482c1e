package dev.mediawatch.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.mediawatch.kafka.Json;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What one benchmark run measured: every figure with its ratio and target, and the details behind them. */
public record BenchReport(Instant started, Instant finished, BenchOptions options, BrokerLimit.Result brokerLimit,
                          Bench.Ramp exactlyOnce, Bench.Ramp atLeastOnce, PipelineBench.Latency latency,
                          PollerBench.Result pollers, List<Figure> figures) {
    public BenchReport {
        figures = List.copyOf(figures);
    }

    /** The machine the figures were taken on. */
    public static Map<String, Object> machine() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("processors", Runtime.getRuntime().availableProcessors());
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            m.put("memoryBytes", os.getTotalMemorySize());
        }
        m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        m.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        return m;
    }

    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("started", started.toString());
        root.put("finished", finished.toString());
        root.put("machine", machine());
        root.put("options", options);
        root.put("figures", figures.stream().map(BenchReport::figureJson).toList());
        root.put("brokerLimit", brokerLimit);
        root.put("exactlyOnceSteps", exactlyOnce.steps());
        root.put("atLeastOnceSteps", atLeastOnce.steps());
        root.put("latency", latency);
        root.put("pollers", pollers);
        try {
            return Json.mapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the report does not serialise: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> figureJson(Figure f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("value", finite(f.value()));
        m.put("unit", f.unit());
        m.put("ratio", finite(f.ratio()));
        m.put("ratioName", f.ratioName());
        m.put("target", f.target());
        m.put("met", f.met());
        m.put("load", f.load());
        return m;
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }

    public String toText() {
        StringBuilder s = new StringBuilder();
        Map<String, Object> m = machine();
        s.append(String.format(Locale.ROOT, "mediawatch bench  %s .. %s  (%s processors, %s)%n", started, finished,
                m.get("processors"), m.get("jdk")));
        s.append(String.format(Locale.ROOT, "%-38s %14s %-11s %8s  %-32s %-10s %-7s %s%n", "figure", "value", "unit",
                "ratio", "ratio of", "target", "result", "load (1/5/15 min)"));
        for (Figure f : figures) {
            s.append(String.format(Locale.ROOT, "%-38s %14s %-11s %8s  %-32s %-10s %-7s %s%n", f.name(),
                    number(f.value()), f.unit(), Double.isNaN(f.ratio()) ? "" : String.format(Locale.ROOT, "%.3f", f.ratio()),
                    f.ratioName(), f.target(), f.met() == null ? "" : f.met() ? "met" : "MISSED", f.load()));
        }
        return s.toString();
    }

    private static String number(double v) {
        if (Double.isNaN(v)) return "n/a";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        return String.format(Locale.ROOT, Math.abs(v) < 10 ? "%,.3f" : "%,.1f", v);
    }
}

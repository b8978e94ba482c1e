package dev.mediawatch.observe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mediawatch.metrics.MediawatchMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PromQL expressions of the provisioned dashboard and of the alerting rules, and the metric
 * names they use, so tests can check each against what the service really exposes.
 */
public final class DeployQueries {
    public static final Path ROOT = Path.of(System.getProperty("user.dir"));
    public static final Path DASHBOARD = ROOT.resolve("deploy/grafana/dashboards/mediawatch.json");
    public static final Path RULES = ROOT.resolve("deploy/prometheus/rules.yml");

    /** Every name the service exports starts with one of these; {@code up} and the like are Prometheus' own. */
    private static final Pattern METRIC = Pattern.compile("\\b((?:mediawatch|jvm|process)_[a-z0-9_]+)\\b");

    private DeployQueries() {
    }

    /** Every {@code expr} in the dashboard: panel targets, template variables, annotations. */
    public static List<String> dashboardExpressions() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        List<String> exprs = new ArrayList<>();
        collect(dashboard, exprs);
        return exprs;
    }

    private static void collect(JsonNode node, List<String> exprs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f -> {
                if ((f.getKey().equals("expr") || f.getKey().equals("query")) && f.getValue().isTextual()) {
                    exprs.add(f.getValue().asText());
                } else if (f.getKey().equals("query") && f.getValue().isObject() && f.getValue().has("query")) {
                    exprs.add(f.getValue().get("query").asText());
                } else {
                    collect(f.getValue(), exprs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, exprs));
        }
    }

    /** Every {@code expr} of every rule. */
    public static List<String> ruleExpressions() throws IOException {
        JsonNode rules = new YAMLMapper().readTree(Files.readString(RULES));
        List<String> exprs = new ArrayList<>();
        for (JsonNode group : rules.path("groups")) {
            for (JsonNode rule : group.path("rules")) exprs.add(rule.path("expr").asText());
        }
        return exprs;
    }

    /** Metric names in PromQL expressions (label names and functions never start with the service's prefixes). */
    public static Set<String> metricNames(List<String> expressions) {
        Set<String> names = new TreeSet<>();
        for (String expr : expressions) {
            // Quoted label values ("spike", "cecot") are not names.
            Matcher m = METRIC.matcher(expr.replaceAll("\"[^\"]*\"", "\"\""));
            while (m.find()) names.add(m.group(1));
        }
        return names;
    }

    /** Sample names of every metric in the registry: counters with _total, histograms with _bucket/_count/_sum. */
    public static Set<String> definedNames() {
        JvmMetrics.builder().register(MediawatchMetrics.registry());
        Set<String> names = new TreeSet<>();
        for (MetricSnapshot s : MediawatchMetrics.registry().scrape()) {
            String name = s.getMetadata().getPrometheusName();
            if (s instanceof CounterSnapshot) names.add(name + "_total");
            else if (s instanceof HistogramSnapshot) names.addAll(List.of(name + "_bucket", name + "_count", name + "_sum"));
            else names.add(name);
        }
        return names;
    }
}

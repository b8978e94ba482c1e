package dev.mediawatch.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.mediawatch.PrometheusTools;
import dev.mediawatch.metrics.KafkaMetricsBridge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

/**
 * What CI can check of the deployment without a Docker engine: the compose file's services,
 * references, ports, health checks and volumes; the Dockerfile's build against the Maven build;
 * the Prometheus config and rules with promtool; the dashboard's JSON and the metrics it names.
 */
class DeployFilesTest {
    private static final Path ROOT = DeployQueries.ROOT;
    private static final YAMLMapper YAML = new YAMLMapper();

    private static JsonNode compose() throws Exception {
        return YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
    }

    @Test
    void composeDefinesTheFourServicesWithHealthChecks() throws Exception {
        JsonNode services = compose().path("services");
        assertThat(services.fieldNames()).toIterable().containsExactlyInAnyOrder("kafka", "mediawatch", "prometheus", "grafana");
        services.fields().forEachRemaining(s -> {
            assertThat(s.getValue().path("healthcheck").path("test").isMissingNode())
                    .as("health check of %s", s.getKey()).isFalse();
            assertThat(s.getValue().path("build").isMissingNode() && s.getValue().path("image").isMissingNode())
                    .as("%s has an image or a build", s.getKey()).isFalse();
        });
    }

    @Test
    void kafkaIsTheOfficialImageInKRaftMode() throws Exception {
        JsonNode kafka = compose().path("services").path("kafka");
        assertThat(kafka.path("image").asText()).startsWith("apache/kafka:");
        assertThat(kafka.path("environment").path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(kafka.path("environment").path("KAFKA_ADVERTISED_LISTENERS").asText()).contains("kafka:9092");
        assertThat(kafka.path("environment").path("KAFKA_LOG_DIRS").asText()).isEqualTo("/var/lib/kafka/data");
        assertThat(kafka.path("volumes").get(0).asText()).isEqualTo("kafka-data:/var/lib/kafka/data");
    }

    @Test
    void mediawatchIsBuiltHerePointedAtKafkaAndListensBeyondLoopback() throws Exception {
        JsonNode mw = compose().path("services").path("mediawatch");
        assertThat(Files.isRegularFile(ROOT.resolve(mw.path("build").path("context").asText())
                .resolve(mw.path("build").path("dockerfile").asText()))).isTrue();
        assertThat(mw.path("environment").path("MEDIAWATCH_KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
        assertThat(mw.path("environment").path("MEDIAWATCH_HTTP_HOST").asText()).isEqualTo("0.0.0.0");
        assertThat(mw.path("depends_on").path("kafka").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(mw.path("healthcheck").path("test").toString()).contains("/health/ready");
        assertThat(mw.path("command").toString()).contains("run");
    }

    @Test
    void publishesGrafanaPrometheusAndMediawatchPorts() throws Exception {
        JsonNode services = compose().path("services");
        assertThat(services.path("grafana").path("ports").get(0).asText()).isEqualTo("3000:3000");
        assertThat(services.path("prometheus").path("ports").get(0).asText()).isEqualTo("9090:9090");
        assertThat(services.path("mediawatch").path("ports").get(0).asText()).isEqualTo("8080:8080");
    }

    @Test
    void everyMountedFileExistsAndEveryNamedVolumeIsDeclared() throws Exception {
        JsonNode compose = compose();
        Set<String> declared = new HashSet<>();
        compose.path("volumes").fieldNames().forEachRemaining(declared::add);
        Set<String> used = new TreeSet<>();
        compose.path("services").fields().forEachRemaining(s -> s.getValue().path("volumes").forEach(v -> {
            String source = v.asText().split(":")[0];
            if (source.startsWith("./")) {
                assertThat(ROOT.resolve(source)).as("mounted by %s", s.getKey()).exists();
            } else {
                used.add(source);
            }
        }));
        assertThat(declared).containsAll(used);
        assertThat(used).contains("kafka-data", "mediawatch-data", "prometheus-data", "grafana-data");
    }

    @Test
    void dependenciesNameServicesOfTheFile() throws Exception {
        JsonNode services = compose().path("services");
        services.fields().forEachRemaining(s -> {
            JsonNode deps = s.getValue().path("depends_on");
            List<String> names = new ArrayList<>();
            if (deps.isArray()) deps.forEach(d -> names.add(d.asText()));
            else deps.fieldNames().forEachRemaining(names::add);
            names.forEach(n -> assertThat(services.has(n)).as("%s depends on %s", s.getKey(), n).isTrue());
        });
    }

    @Test
    void theDockerfileBuildsWithTheMavenBuildAndRunsTheShadedJar() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(lines).contains("FROM maven:3-eclipse-temurin-17 AS build", "RUN mvn -B -DskipTests package",
                "FROM eclipse-temurin:17-jre", "COPY --from=build /src/target/mediawatch.jar /app/mediawatch.jar");
        // What the build copies in is what the Maven build reads: the pom, src/ and topics/ (shipped in the jar).
        for (String copy : lines.stream().filter(l -> l.startsWith("COPY ") && !l.contains("--from")).toList()) {
            assertThat(ROOT.resolve(copy.split("\\s+")[1])).as(copy).exists();
        }
        assertThat(lines).contains("COPY pom.xml ./", "COPY topics ./topics", "COPY src ./src");
        assertThat(Files.readString(ROOT.resolve("pom.xml"))).contains("<finalName>mediawatch</finalName>");
        assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("mvn -B -ntp verify");
    }

    @Test
    void prometheusScrapesTheComposeServiceAndLoadsTheRules() throws Exception {
        JsonNode config = YAML.readTree(ROOT.resolve("deploy/prometheus/prometheus.yml").toFile());
        assertThat(config.path("scrape_configs").get(0).path("static_configs").get(0).path("targets").get(0).asText())
                .isEqualTo("mediawatch:8080");
        assertThat(config.path("rule_files").get(0).asText()).isEqualTo("rules.yml");
        assertThat(compose().path("services").path("prometheus").path("volumes").toString())
                .contains("/etc/prometheus/rules.yml");
    }

    @Test
    void promtoolAcceptsTheConfigAndTheRules() throws Exception {
        PrometheusTools.Result config = PrometheusTools.promtool(null, "check", "config",
                ROOT.resolve("deploy/prometheus/prometheus.yml").toString());
        PrometheusTools.Result rules = PrometheusTools.promtool(null, "check", "rules", DeployQueries.RULES.toString());

        assertThat(config.exitCode()).as(config.output()).isZero();
        assertThat(rules.exitCode()).as(rules.output()).isZero();
        assertThat(rules.output()).contains("SUCCESS");
    }

    @Test
    void rulesCoverTheOperatorsConcerns() throws Exception {
        JsonNode rules = YAML.readTree(DeployQueries.RULES.toFile());
        List<String> alerts = new ArrayList<>();
        rules.path("groups").forEach(g -> g.path("rules").forEach(r -> {
            alerts.add(r.path("alert").asText());
            assertThat(r.path("annotations").path("summary").asText()).as(r.path("alert").asText()).isNotBlank();
        }));
        assertThat(alerts).contains("MediawatchFeedsFailing", "MediawatchPipelineStalled",
                "MediawatchDeliveriesFailing", "MediawatchDeadLetters");
    }

    @Test
    void theDashboardIsValidAndProvisionedFromTheMountedFolder() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DeployQueries.DASHBOARD.toFile());
        assertThat(dashboard.path("uid").asText()).isEqualTo("mediawatch");
        JsonNode datasources = YAML.readTree(ROOT.resolve("deploy/grafana/provisioning/datasources/prometheus.yaml").toFile());
        String uid = datasources.path("datasources").get(0).path("uid").asText();
        assertThat(datasources.path("datasources").get(0).path("url").asText()).isEqualTo("http://prometheus:9090");
        dashboard.path("panels").forEach(p -> {
            if (p.path("type").asText().equals("row")) return;
            assertThat(p.path("datasource").path("uid").asText()).as(p.path("title").asText()).isEqualTo(uid);
            assertThat(p.path("targets")).as(p.path("title").asText()).isNotEmpty();
        });
        JsonNode providers = YAML.readTree(ROOT.resolve("deploy/grafana/provisioning/dashboards/dashboards.yaml").toFile());
        String path = providers.path("providers").get(0).path("options").path("path").asText();
        assertThat(compose().path("services").path("grafana").path("volumes").toString())
                .contains("./deploy/grafana/dashboards:" + path);
        assertThat(dashboard.path("annotations").toString()).contains("mediawatch_alerts_total{kind=\\\"spike\\\"}");
    }

    @Test
    void everyQueryNamesAMetricTheServiceDefines() throws Exception {
        List<String> expressions = new ArrayList<>(DeployQueries.dashboardExpressions());
        expressions.addAll(DeployQueries.ruleExpressions());
        Set<String> used = DeployQueries.metricNames(expressions);

        Set<String> known = DeployQueries.definedNames();
        for (MetricName kafka : BRIDGED) known.add(KafkaMetricsBridge.prometheusName(kafka));
        assertThat(known).containsAll(used);
        assertThat(used).contains("mediawatch_mentions_total", "mediawatch_articles_enriched_total",
                "mediawatch_comentions_total", "mediawatch_alerts_total", "mediawatch_feed_polls_total",
                "mediawatch_fetched_to_alert_seconds_bucket", "mediawatch_kafka_consumer_fetch_manager_records_lag_max");
    }

    /**
     * Kafka metrics the dashboard and rules rely on, by their Kafka names; ObservabilityIT checks
     * their bridged names against the scrape of a running service.
     */
    private static final List<MetricName> BRIDGED = List.of(
            new MetricName("records-lag-max", "consumer-fetch-manager-metrics", "", Map.of()),
            new MetricName("process-rate", "stream-thread-metrics", "", Map.of()),
            new MetricName("commit-latency-avg", "stream-thread-metrics", "", Map.of()),
            new MetricName("commit-latency-max", "stream-thread-metrics", "", Map.of()));
}

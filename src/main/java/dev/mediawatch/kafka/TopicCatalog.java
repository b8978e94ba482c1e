package dev.mediawatch.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics defined under {@code topics/} (packaged in the jar), and applying them to a cluster:
 * create what is missing, report what differs. It never deletes or shrinks anything.
 */
public final class TopicCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(TopicCatalog.class);
    private static final String INDEX = "topics/index.txt";
    private static final java.time.Duration LEADER_WAIT = java.time.Duration.ofSeconds(30);

    private final List<TopicSpec> specs;

    private TopicCatalog(List<TopicSpec> specs) {
        this.specs = List.copyOf(specs);
    }

    /** Reads every topic file listed in {@code topics/index.txt} from the classpath. */
    public static TopicCatalog load() {
        YAMLMapper yaml = new YAMLMapper();
        List<TopicSpec> specs = new ArrayList<>();
        for (String file : resourceLines(INDEX)) {
            try (InputStream in = resource("topics/" + file)) {
                specs.add(parse(yaml.readTree(in), file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read topics/" + file, e);
            }
        }
        return new TopicCatalog(specs);
    }

    public List<TopicSpec> specs() {
        return specs;
    }

    public Optional<TopicSpec> find(String name) {
        return specs.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** What {@link #apply} did or found, one line a topic. */
    public record Outcome(String topic, String status) {
    }

    /** Creates the missing topics and reports those whose partition count differs from the file. */
    public List<Outcome> apply(Admin admin) throws InterruptedException, ExecutionException {
        Set<String> existing = admin.listTopics().names().get();
        List<Outcome> outcomes = new ArrayList<>();
        List<NewTopic> toCreate = new ArrayList<>();
        for (TopicSpec spec : specs) {
            if (!existing.contains(spec.name())) {
                toCreate.add(new NewTopic(spec.name(), Optional.of(spec.partitions()), spec.replicationFactor())
                        .configs(spec.configs()));
            }
        }
        createAll(admin, toCreate, outcomes);
        if (!toCreate.isEmpty()) awaitLeaders(admin, toCreate.stream().map(NewTopic::name).toList());
        outcomes.addAll(compareExisting(admin, existing));
        outcomes.forEach(o -> LOG.info("topic {}: {}", o.topic(), o.status()));
        return outcomes;
    }

    private static void createAll(Admin admin, List<NewTopic> topics, List<Outcome> outcomes)
            throws InterruptedException, ExecutionException {
        var futures = admin.createTopics(topics).values();
        for (NewTopic topic : topics) {
            try {
                futures.get(topic.name()).get();
                outcomes.add(new Outcome(topic.name(), "created with " + topic.numPartitions() + " partitions"));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e;
                outcomes.add(new Outcome(topic.name(), "exists"));
            }
        }
    }

    /**
     * Waits until every partition of the new topics has a leader. Producing to a partition whose
     * leader is still being elected gets NOT_LEADER_OR_FOLLOWER, and an idempotent producer's retry
     * of such a batch can then be refused for good as out of order.
     */
    private static void awaitLeaders(Admin admin, List<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + LEADER_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get();
                boolean led = described.values().stream()
                        .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
                if (led) return;
            } catch (ExecutionException e) {
                // Metadata of a topic created a moment ago may not be everywhere yet: ask again.
            }
            Thread.sleep(100);
        }
        LOG.warn("some new topics have no partition leader after {} s: {}", LEADER_WAIT.toSeconds(), topics);
    }

    private List<Outcome> compareExisting(Admin admin, Set<String> existing)
            throws InterruptedException, ExecutionException {
        List<String> names = specs.stream().map(TopicSpec::name).filter(existing::contains).toList();
        if (names.isEmpty()) return List.of();
        Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
        List<Outcome> outcomes = new ArrayList<>();
        for (String name : names) {
            int actual = described.get(name).partitions().size();
            int wanted = find(name).orElseThrow().partitions();
            outcomes.add(new Outcome(name, actual == wanted ? "ok"
                    : "exists with " + actual + " partitions, topics/ says " + wanted + " (left as it is)"));
        }
        return outcomes;
    }

    static TopicSpec parse(JsonNode node, String file) {
        Map<String, String> configs = new LinkedHashMap<>();
        node.path("configs").fields().forEachRemaining(e -> configs.put(e.getKey(), e.getValue().asText()));
        JsonNode rf = node.path("replicationFactor");
        Optional<Short> replication = rf.isMissingNode() || rf.asText().equals("default")
                ? Optional.empty() : Optional.of((short) rf.asInt());
        try {
            return new TopicSpec(node.path("name").asText(null), node.path("partitions").asInt(0), replication,
                    configs, node.path("key").asText(""), node.path("value").asText(""),
                    node.path("purpose").asText(""));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("topics/" + file + ": " + e.getMessage(), e);
        }
    }

    private static List<String> resourceLines(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = TopicCatalog.class.getClassLoader().getResourceAsStream(name);
        if (in == null) throw new IOException("missing resource " + name + " (is topics/ packaged?)");
        return in;
    }
}

package dev.mediawatch.cli;

import dev.mediawatch.deliver.AlertFormat;
import dev.mediawatch.kafka.JsonSerde;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.Alert;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code mediawatch tail}: follow the alert topic, as a newsroom consumer would. */
@Command(name = "tail", mixinStandardHelpOptions = true, description = "Follow alerts as they arrive.")
final class TailCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--subscription", paramLabel = "ID", description = "Only alerts of this subscription.")
    String subscription;

    @Option(names = "--entity", paramLabel = "ID", description = "Only alerts that name this entity.")
    String entity;

    @Option(names = "--from-beginning", description = "Start with the oldest alert kept, not the next new one.")
    boolean fromBeginning;

    @Option(names = "--json", description = "One JSON object per line, as on the topic.")
    boolean json;

    @Option(names = "--max", paramLabel = "N", hidden = true, description = "Stop after N alerts (for scripts and tests).")
    long max = Long.MAX_VALUE;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        JsonSerde<Alert> serde = (JsonSerde<Alert>) Topics.ALERTS.valueSerde();
        AtomicBoolean running = new AtomicBoolean(true);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                running.set(false);
                consumer.wakeup();
            }));
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            if (fromBeginning) consumer.seekToBeginning(partitions);
            else consumer.seekToEnd(partitions);
            long shown = 0;
            while (running.get() && shown < max) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (show(out, serde, r) && ++shown >= max) break;
                }
            }
        } catch (WakeupException e) {
            // Ctrl-C: a normal end.
        }
        return Main.OK;
    }

    private boolean show(PrintStream out, JsonSerde<Alert> serde, ConsumerRecord<String, byte[]> r) {
        Alert alert;
        try {
            alert = serde.fromBytes(r.value());
        } catch (SerializationException e) {
            System.err.println("mediawatch tail: skipping unreadable record at offset " + r.offset() + ": " + e.getMessage());
            return false;
        }
        if (alert == null) return false;
        if (subscription != null && !subscription.equals(alert.subscriptionId())) return false;
        if (entity != null && !alert.entities().contains(entity)) return false;
        out.println(json ? new String(r.value(), java.nio.charset.StandardCharsets.UTF_8) : AlertFormat.human(alert));
        out.flush();
        return true;
    }

    private Properties props() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.resolve());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return p;
    }
}

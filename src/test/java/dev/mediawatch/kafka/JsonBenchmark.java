package dev.mediawatch.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.mediawatch.model.Alert;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An alert (the record the stream writes most: about twelve per article in the load benchmark) written
 * and read as JSON, with the shared mapper ({@code iso}: {@link IsoInstants}) and with the same mapper
 * configuration whose instants go through {@code jackson-datatype-jsr310} alone ({@code jsr310}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class JsonBenchmark {
    @Param({"iso", "jsr310"})
    public String instants;

    private ObjectWriter writer;
    private ObjectReader reader;
    private Alert[] alerts;
    private byte[][] bytes;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ObjectMapper mapper = instants.equals("iso") ? Json.mapper() : new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        writer = mapper.writerFor(Alert.class);
        reader = mapper.readerFor(Alert.class);
        alerts = new Alert[64];
        bytes = new byte[64][];
        Instant now = Instant.parse("2026-11-30T01:30:00Z");
        for (int i = 0; i < alerts.length; i++) {
            Instant published = now.minusSeconds(60L * i).plusNanos(i * 1_000_000L);
            alerts[i] = new Alert("alert-" + i, Alert.KIND_QUERY, "desk-" + i, "article-" + i, "story-" + i,
                    "https://news.example/2026/11/30/deportations-cecot-" + i, "Court hears Abrego Garcia case, day " + i,
                    "Bench Outlet " + (i % 20), published, now.plusNanos(123_456_000L + i), List.of("cecot", "abrego-garcia"),
                    "The court heard arguments on the deportation of Kilmar Abrego Garcia to CECOT in El Salvador.",
                    "query matched: CECOT AND court", List.of("Bench Outlet 1", "Bench Outlet 2"), "CECOT",
                    published.plusMillis(850));
            bytes[i] = writer.writeValueAsBytes(alerts[i]);
        }
    }

    @Benchmark
    public byte[] write() throws Exception {
        return writer.writeValueAsBytes(alerts[next++ & 63]);
    }

    @Benchmark
    public Alert read() throws Exception {
        return reader.readValue(bytes[next++ & 63]);
    }
}

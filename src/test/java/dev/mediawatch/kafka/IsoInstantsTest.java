package dev.mediawatch.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Instants in JSON: the same text as {@link Instant#toString()}, read back, other forms still read. */
class IsoInstantsTest {
    private final ObjectMapper mapper = Json.mapper();

    record Stamped(Instant at) {
    }

    @Test
    void theSharedMapperUsesThem() throws Exception {
        assertThat(mapper.getSerializerProviderInstance().findValueSerializer(Instant.class))
                .isInstanceOf(IsoInstants.Writer.class);
        var context = ((com.fasterxml.jackson.databind.deser.DefaultDeserializationContext) mapper
                .getDeserializationContext()).createDummyInstance(mapper.getDeserializationConfig());
        assertThat(context.findRootValueDeserializer(mapper.constructType(Instant.class)))
                .isInstanceOf(IsoInstants.Reader.class);
    }

    @Test
    void writesWhatInstantToStringWritesAndReadsItBack() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            long seconds = switch (i % 4) {
                case 0 -> random.nextLong(0, 253_402_300_800L);            // any second of 1970-9999
                case 1 -> 1_700_000_000L + random.nextInt(400_000_000);      // around now
                case 2 -> random.nextLong(-62_135_596_800L, 0);             // before 1970: the standard way
                default -> 253_402_300_800L + random.nextInt(1_000_000_000); // after 9999: the standard way
            };
            int nanos = switch (i % 5) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(seconds, nanos);
            String json = mapper.writeValueAsString(new Stamped(t));
            assertThat(json).isEqualTo("{\"at\":\"" + t + "\"}");
            assertThat(mapper.readValue(json, Stamped.class).at()).isEqualTo(t);
            if (seconds >= 0 && seconds < 253_402_300_800L) {
                assertThat(IsoInstants.format(t)).isEqualTo(t.toString());
                assertThat(IsoInstants.parse(t.toString())).isEqualTo(t);
            }
        }
    }

    @Test
    void leapDaysAndTheEdgesOfTheFastRange() {
        for (String s : new String[] {"1970-01-01T00:00:00Z", "2000-02-29T23:59:59.999Z", "2024-02-29T12:00:00Z",
                "2100-03-01T00:00:00.000001Z", "9999-12-31T23:59:59.999999999Z"}) {
            Instant t = Instant.parse(s);
            assertThat(IsoInstants.format(t)).isEqualTo(s);
            assertThat(IsoInstants.parse(s)).isEqualTo(t);
        }
        assertThat(IsoInstants.parse("2023-02-29T00:00:00Z")).isNull(); // not a day: left to the standard way
        assertThat(IsoInstants.parse("2026-13-01T00:00:00Z")).isNull();
        assertThat(IsoInstants.parse("2026-11-30T-1:00:00Z")).isNull();
    }

    @Test
    void readsTheFormsItDoesNotWriteTheStandardWay() throws Exception {
        assertThat(mapper.readValue("{\"at\":\"2026-11-30T03:00:00+02:00\"}", Stamped.class).at())
                .isEqualTo(Instant.parse("2026-11-30T01:00:00Z"));
        assertThat(mapper.readValue("{\"at\":\"2026-11-30T01:00:00.5Z\"}", Stamped.class).at())
                .isEqualTo(Instant.parse("2026-11-30T01:00:00.500Z"));
        assertThat(mapper.readValue("{\"at\":1764464400}", Stamped.class).at())
                .isEqualTo(Instant.ofEpochSecond(1_764_464_400L));
        assertThat(mapper.readValue("{\"at\":null}", Stamped.class).at()).isNull();
        assertThatThrownBy(() -> mapper.readValue("{\"at\":\"2026-02-30T01:00:00Z\"}", Stamped.class))
                .hasMessageContaining("2026-02-30");
    }
}

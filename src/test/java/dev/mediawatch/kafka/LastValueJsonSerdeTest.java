package dev.mediawatch.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.model.Entity;
import org.junit.jupiter.api.Test;

class LastValueJsonSerdeTest {
    private final LastValueJsonSerde<Entity> serde = new LastValueJsonSerde<>(Entity.class);

    @Test
    void returnsTheSameValueForTheSameBytesWithoutParsingAgain() {
        byte[] bytes = serde.serializer().serialize("t", Entity.of("cecot", "CECOT", "facility"));

        Entity first = serde.deserializer().deserialize("t", bytes);
        Entity second = serde.deserializer().deserialize("t", bytes.clone());

        assertThat(second).isSameAs(first);
    }

    @Test
    void parsesNewBytes() {
        byte[] a = serde.serializer().serialize("t", Entity.of("cecot", "CECOT", "facility"));
        byte[] b = serde.serializer().serialize("t", Entity.of("bukele", "Nayib Bukele", "person"));

        assertThat(serde.deserializer().deserialize("t", a).id()).isEqualTo("cecot");
        assertThat(serde.deserializer().deserialize("t", b).id()).isEqualTo("bukele");
        assertThat(serde.deserializer().deserialize("t", a).id()).isEqualTo("cecot");
    }

    @Test
    void keepsNoStaleValueWhenTheCallerReusesItsBuffer() {
        byte[] buffer = serde.serializer().serialize("t", Entity.of("cecot", "CECOT", "facility"));
        serde.deserializer().deserialize("t", buffer);
        byte[] other = serde.serializer().serialize("t", Entity.of("cecou", "CECOU", "facility"));
        System.arraycopy(other, 0, buffer, 0, Math.min(other.length, buffer.length));

        assertThat(serde.deserializer().deserialize("t", buffer).id()).isEqualTo("cecou");
    }
}

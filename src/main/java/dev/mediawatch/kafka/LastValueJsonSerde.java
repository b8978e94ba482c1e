package dev.mediawatch.kafka;

import java.util.Arrays;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A JSON serde that remembers, per thread, the last bytes it read and the value they gave. For a
 * large value read again and again unchanged (a table entry every record is joined with), comparing
 * the bytes costs far less than parsing them. The value must be immutable: it is handed out again.
 */
public final class LastValueJsonSerde<T> implements Serde<T> {
    private final JsonSerde<T> json;
    private final ThreadLocal<Object[]> last = ThreadLocal.withInitial(() -> new Object[2]);

    public LastValueJsonSerde(Class<T> type) {
        this.json = JsonSerde.of(type);
    }

    @Override
    public Serializer<T> serializer() {
        return json.serializer();
    }

    @Override
    @SuppressWarnings("unchecked")
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) return null;
            Object[] cached = last.get();
            if (cached[0] != null && Arrays.equals((byte[]) cached[0], bytes)) return (T) cached[1];
            T value = json.fromBytes(bytes);
            cached[0] = bytes.clone();
            cached[1] = value;
            return value;
        };
    }
}

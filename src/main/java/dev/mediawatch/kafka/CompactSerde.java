package dev.mediawatch.kafka;

import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A binary serde for a state store's values, which the stream reads and rewrites for every article
 * (JSON parsing and printing of these took a fifth of the stream thread's time). It writes a zero
 * byte and then the value's fields as {@link Codec} lays them out; it reads that, and also reads JSON,
 * so the values a store and its changelog already hold in JSON stay readable after an upgrade: JSON
 * never starts with a zero byte. Values on topics other programs read stay JSON ({@link JsonSerde}).
 */
public final class CompactSerde<T> implements Serde<T> {
    private static final byte MARK = 0;

    /** Writes and reads one value's fields; the layout is stored, so only ever extend it at the end. */
    public interface Codec<T> {
        void write(T value, Out out);

        T read(In in);
    }

    private final Class<T> type;
    private final Codec<T> codec;
    private final byte mark;
    private final java.util.function.Function<byte[], T> otherwise;

    public CompactSerde(Class<T> type, Codec<T> codec) {
        this(type, codec, MARK, JsonSerde.of(type)::fromBytes);
    }

    /**
     * A value type that replaces an earlier one in the same store: written after {@code mark} (not zero,
     * which the earlier compact values start with, nor a JSON character), while any other bytes are
     * read by {@code otherwise}, which turns the earlier form into this one.
     */
    public CompactSerde(Class<T> type, Codec<T> codec, byte mark, java.util.function.Function<byte[], T> otherwise) {
        this.type = type;
        this.codec = codec;
        this.mark = mark;
        this.otherwise = otherwise;
    }

    public byte[] toBytes(T value) {
        if (value == null) return null;
        Out out = new Out();
        out.putByte(mark);
        codec.write(value, out);
        return out.toArray();
    }

    public T fromBytes(byte[] bytes) {
        if (bytes == null) return null;
        if (bytes.length == 0 || bytes[0] != mark) return otherwise.apply(bytes);
        try {
            In in = new In(ByteBuffer.wrap(bytes, 1, bytes.length - 1));
            T value = codec.read(in);
            if (in.buffer.hasRemaining()) throw new SerializationException("trailing bytes in " + type.getSimpleName());
            return value;
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new SerializationException("not a valid " + type.getSimpleName() + ": " + e, e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> fromBytes(bytes);
    }

    /** A growing big-endian byte buffer. */
    public static final class Out {
        private byte[] bytes = new byte[64];
        private int size;

        private void room(int n) {
            if (size + n > bytes.length) bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }

        public void putByte(int b) {
            room(1);
            bytes[size++] = (byte) b;
        }

        public void putInt(int v) {
            room(4);
            for (int shift = 24; shift >= 0; shift -= 8) bytes[size++] = (byte) (v >>> shift);
        }

        public void putLong(long v) {
            room(8);
            for (int shift = 56; shift >= 0; shift -= 8) bytes[size++] = (byte) (v >>> shift);
        }

        public void putDouble(double v) {
            putLong(Double.doubleToRawLongBits(v));
        }

        /** UTF-8 with its length; null as length -1. */
        public void putString(String s) {
            if (s == null) {
                putInt(-1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            putInt(b.length);
            room(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }
    }

    /** Reads what {@link Out} wrote. */
    public static final class In {
        private final ByteBuffer buffer;

        In(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        public int getByte() {
            return buffer.get();
        }

        public int getInt() {
            return buffer.getInt();
        }

        public long getLong() {
            return buffer.getLong();
        }

        public double getDouble() {
            return buffer.getDouble();
        }

        /** A count written by {@link Out#putInt}, checked against the bytes left ({@code minBytesEach} per item). */
        public int getCount(int minBytesEach) {
            int n = buffer.getInt();
            if (n < 0 || (long) n * minBytesEach > buffer.remaining()) throw new IllegalArgumentException("bad count " + n);
            return n;
        }

        /** Whether bytes are left: a field added at the end of a value is read only when present. */
        public boolean hasMore() {
            return buffer.hasRemaining();
        }

        public String getString() {
            int n = buffer.getInt();
            if (n == -1) return null;
            if (n < 0 || n > buffer.remaining()) throw new IllegalArgumentException("bad string length " + n);
            String s = new String(buffer.array(), buffer.arrayOffset() + buffer.position(), n, StandardCharsets.UTF_8);
            buffer.position(buffer.position() + n);
            return s;
        }
    }
}

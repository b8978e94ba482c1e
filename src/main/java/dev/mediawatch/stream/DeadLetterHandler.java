package dev.mediawatch.stream;

import dev.mediawatch.kafka.Topics;
import dev.mediawatch.metrics.MediawatchMetrics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends poison records to {@code mediawatch.dlq} and lets processing go on: the original key and
 * bytes, with headers naming the error, the source topic, partition, offset and processor.
 * Records that fail to deserialise and records whose processing throws both land here.
 */
public final class DeadLetterHandler implements DeserializationExceptionHandler, ProcessingExceptionHandler {
    public static final String HEADER_ERROR = "mediawatch.error";
    public static final String HEADER_ERROR_CLASS = "mediawatch.error.class";
    public static final String HEADER_TOPIC = "mediawatch.source.topic";
    public static final String HEADER_PARTITION = "mediawatch.source.partition";
    public static final String HEADER_OFFSET = "mediawatch.source.offset";
    public static final String HEADER_PROCESSOR = "mediawatch.source.processor";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
    private static final AtomicLong DEAD_LETTERS = new AtomicLong();

    /** Records sent to the dead-letter topic by this process, for metrics. */
    public static long deadLetters() {
        return DEAD_LETTERS.get();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return DeserializationExceptionHandler.Response.resume(
                deadLetter(context, record.key(), record.value(), exception));
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
            Exception exception) {
        return ProcessingExceptionHandler.Response.resume(
                deadLetter(context, context.sourceRawKey(), context.sourceRawValue(), exception));
    }

    private static List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, byte[] key,
            byte[] value, Exception exception) {
        DEAD_LETTERS.incrementAndGet();
        // Source topics are the topology's own (inputs and named repartition topics): a bounded set.
        MediawatchMetrics.DEAD_LETTERS.labelValues(String.valueOf(context.topic())).inc();
        LOG.warn("poison record {}-{}@{} at {} sent to {}: {}", context.topic(), context.partition(), context.offset(),
                context.processorNodeId(), Topics.DLQ.name(), exception.toString());
        RecordHeaders headers = new RecordHeaders();
        header(headers, HEADER_ERROR, String.valueOf(exception.getMessage()));
        header(headers, HEADER_ERROR_CLASS, exception.getClass().getName());
        header(headers, HEADER_TOPIC, context.topic());
        header(headers, HEADER_PARTITION, String.valueOf(context.partition()));
        header(headers, HEADER_OFFSET, String.valueOf(context.offset()));
        header(headers, HEADER_PROCESSOR, context.processorNodeId());
        return List.of(new ProducerRecord<>(Topics.DLQ.name(), null, key, value, headers));
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8));
    }
}

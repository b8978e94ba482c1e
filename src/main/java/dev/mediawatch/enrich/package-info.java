/**
 * Pure enrichment logic, no Kafka and no I/O: {@link dev.mediawatch.enrich.TextNormalizer} folds print
 * variants, {@link dev.mediawatch.enrich.EntityMatcher} finds watched entities in one Aho-Corasick pass,
 * {@link dev.mediawatch.enrich.Classifier} files articles under desk categories. All immutable and
 * thread-safe, so one instance can serve every stream task.
 */
package dev.mediawatch.enrich;

/**
 * Stored boolean queries of subscriptions: {@link dev.mediawatch.enrich.query.QueryParser} turns the
 * text into a {@link dev.mediawatch.enrich.query.Query}; {@link dev.mediawatch.enrich.query.QueryIndex}
 * matches an article against many of them, evaluating only the candidates its presearch picks.
 * Pure logic: no Kafka, no I/O.
 */
package dev.mediawatch.enrich.query;

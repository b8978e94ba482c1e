/**
 * Ingestion: fetching feeds and pages over HTTP with limits and an SSRF guard ({@link dev.mediawatch.ingest.HttpFetcher},
 * {@link dev.mediawatch.ingest.AddressGuard}), parsing feeds ({@link dev.mediawatch.ingest.FeedParser}) and extracting
 * article text ({@link dev.mediawatch.ingest.ArticleExtractor}). No Kafka here: the poller wires these into topics.
 */
package dev.mediawatch.ingest;

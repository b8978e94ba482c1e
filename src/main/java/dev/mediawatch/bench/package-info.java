/**
 * {@code mediawatch bench}: the load benchmark. It measures the embedded broker's own produce and
 * consume limit, then the stream pipeline (enrichment to alerts) at a rising rate under exactly-once
 * and at-least-once, the latency from raw article to alert at half the sustained rate, and the feed
 * pollers against 10,000 loopback feeds; every figure is reported with the ratio it is judged by.
 */
package dev.mediawatch.bench;

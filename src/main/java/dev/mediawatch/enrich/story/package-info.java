/**
 * Near-duplicate detection: {@link dev.mediawatch.enrich.story.StoryFingerprint} is a MinHash signature
 * with LSH band keys; {@link dev.mediawatch.enrich.story.StoryIndex} gives wire copies and light edits of
 * one story the same story id. Pure logic: no Kafka, no I/O.
 */
package dev.mediawatch.enrich.story;

package dev.mediawatch.stream;

/**
 * What one subscription has been told about one story: when first and last, and how many outlets
 * carried it then.
 */
public record StoryAlertState(long firstAt, long lastAt, int outlets) {
}

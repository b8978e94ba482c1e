package dev.mediawatch.enrich.story;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * In-memory reference implementation of the story LSH index: band key -> article ids, article id ->
 * fingerprint and story. The Streams version keeps the same two maps in state stores. Unbounded and
 * not thread-safe; a production store would expire old articles.
 */
public final class StoryIndex {

    private record Member(StoryFingerprint fingerprint, String storyId) {}

    private final Map<String, List<String>> byBand = new HashMap<>();
    private final Map<String, Member> articles = new HashMap<>();

    /**
     * The story of an article: that of the most similar earlier article sharing a band key, if its
     * similarity is at least {@code threshold}, else a new story whose id is {@code articleId}. An article
     * seen before keeps the story it got, so redelivery does not move it.
     */
    public String assign(String articleId, StoryFingerprint fp, double threshold) {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(fp, "fp");
        Member known = articles.get(articleId);
        if (known != null) return known.storyId();
        String storyId = bestMatch(fp, threshold).orElse(articleId);
        articles.put(articleId, new Member(fp, storyId));
        for (String key : fp.bandKeys()) byBand.computeIfAbsent(key, k -> new ArrayList<>()).add(articleId);
        return storyId;
    }

    public Optional<String> storyOf(String articleId) {
        return Optional.ofNullable(articles.get(articleId)).map(Member::storyId);
    }

    public int size() {
        return articles.size();
    }

    private Optional<String> bestMatch(StoryFingerprint fp, double threshold) {
        String best = null;
        double bestSimilarity = threshold;
        for (String candidate : candidates(fp)) {
            Member m = articles.get(candidate);
            double s = fp.similarity(m.fingerprint());
            if (s > bestSimilarity || (s == bestSimilarity && best == null)) {
                best = m.storyId();
                bestSimilarity = s;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Articles sharing at least one band key, in a fixed order so ties resolve alike on every replay. */
    private Set<String> candidates(StoryFingerprint fp) {
        Set<String> out = new LinkedHashSet<>();
        for (String key : fp.bandKeys()) out.addAll(byBand.getOrDefault(key, List.of()));
        return out;
    }
}

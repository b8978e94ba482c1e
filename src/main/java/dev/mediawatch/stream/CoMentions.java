package dev.mediawatch.stream;

/** The key of a pair of entities named together in one article: "a+b" with a < b, so each pair has one. */
public final class CoMentions {
    public static final String SEPARATOR = "+";

    private CoMentions() {
    }

    public static String key(String a, String b) {
        return a.compareTo(b) < 0 ? a + SEPARATOR + b : b + SEPARATOR + a;
    }
}

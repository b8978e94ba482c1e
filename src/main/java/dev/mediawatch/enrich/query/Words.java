package dev.mediawatch.enrich.query;

import dev.mediawatch.enrich.TextNormalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits folded text into words, runs of letters and digits. Documents and query terms go through the
 * same split, so "Abrego-Garcia's" in a query and in an article yield the same words.
 */
final class Words {

    private Words() {}

    /** The words of {@code raw} after accent and case folding. */
    static List<String> of(String raw) {
        return split(TextNormalizer.fold(raw == null ? "" : raw));
    }

    /** The letter/digit runs of already folded text. */
    static List<String> split(String folded) {
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= folded.length(); i++) {
            boolean word = i < folded.length() && Character.isLetterOrDigit(folded.charAt(i));
            if (word && start < 0) start = i;
            else if (!word && start >= 0) {
                words.add(folded.substring(start, i));
                start = -1;
            }
        }
        return words;
    }

    /**
     * An entity id or category in comparable form: folded, other runs joined by '-', so the id
     * {@code abrego-garcia}, the query value {@code "Abrego García"} and {@code Abrego_Garcia} agree.
     *
     * @param keepWildcards keep '*' and '?' (a query pattern) instead of treating them as separators
     */
    static String keyword(String raw, boolean keepWildcards) {
        String folded = TextNormalizer.fold(raw == null ? "" : raw);
        StringBuilder out = new StringBuilder(folded.length());
        for (int i = 0; i < folded.length(); i++) {
            char c = folded.charAt(i);
            if (Character.isLetterOrDigit(c) || (keepWildcards && isWildcard(c))) out.append(c);
            else if (out.length() > 0 && out.charAt(out.length() - 1) != '-') out.append('-');
        }
        int end = out.length();
        if (end > 0 && out.charAt(end - 1) == '-') out.setLength(end - 1);
        return out.toString();
    }

    static boolean isWildcard(char c) {
        return c == '*' || c == '?';
    }

    static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0;
    }
}

package dev.mediawatch.enrich;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds whole-word occurrences of many phrases in one pass over folded text: an
 * {@link AhoCorasick} automaton over the folded phrases and their letter/digit spacing variants,
 * then a word-boundary check at both ends and, for case-sensitive phrases, a case check against
 * the original text. Overlapping hits are all reported; callers decide which to keep.
 */
final class PhraseScanner {

    /**
     * A phrase to look for.
     *
     * @param text          as written (folded here)
     * @param caseSensitive matched only where the original text has the same letter case
     */
    record Phrase(String text, boolean caseSensitive) {}

    /** A whole-word occurrence of phrase {@code phrase} at folded [start, end) of the scanned text. */
    record Hit(int phrase, int start, int end) {
        boolean overlaps(Hit o) {
            return start < o.end && o.start < end;
        }
    }

    // "ms 13" <-> "ms13": a space between a letter and a digit is optional in print (MS-13, MS 13, MS13)
    private static final Pattern LETTER_DIGIT_SPACE = Pattern.compile("(?<=\\p{L}) (?=\\p{N})|(?<=\\p{N}) (?=\\p{L})");
    private static final Pattern LETTER_DIGIT_JOIN = Pattern.compile("(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})");

    private final List<Phrase> phrases;
    private final String[] caseForms;      // phrase -> case-kept fold without spaces, for case-sensitive ones
    private final int[][] phrasesByKey;    // automaton key -> phrases folding to it
    private final AhoCorasick automaton;

    PhraseScanner(List<Phrase> phrases) {
        this.phrases = List.copyOf(phrases);
        this.caseForms = new String[phrases.size()];
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int p = 0; p < phrases.size(); p++) {
            Phrase phrase = phrases.get(p);
            if (phrase.caseSensitive()) caseForms[p] = withoutSpaces(TextNormalizer.foldKeepCase(phrase.text()));
            for (String key : variants(TextNormalizer.fold(phrase.text()))) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(p);
            }
        }
        this.phrasesByKey = byKey.values().stream()
                .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
                .toArray(int[][]::new);
        this.automaton = AhoCorasick.of(new ArrayList<>(byKey.keySet()));
    }

    Phrase phrase(int index) {
        return phrases.get(index);
    }

    /** Folded forms to look for: the fold itself plus its letter/digit spacing variants. */
    static Set<String> variants(String folded) {
        Set<String> keys = new LinkedHashSet<>();
        if (folded.isEmpty()) return keys;
        keys.add(folded);
        keys.add(LETTER_DIGIT_SPACE.matcher(folded).replaceAll(""));
        keys.add(LETTER_DIGIT_JOIN.matcher(folded).replaceAll(" "));
        return keys;
    }

    /** Every whole-word hit in {@code text}, in order of end position. */
    List<Hit> scan(String original, TextNormalizer.Normalized text) {
        List<Hit> hits = new ArrayList<>();
        String folded = text.text();
        automaton.scan(folded, (key, start, end) -> {
            if (!isWordBoundary(folded, start, end)) return;
            for (int p : phrasesByKey[key]) {
                if (caseForms[p] == null || caseMatches(original, text, start, end, caseForms[p])) {
                    hits.add(new Hit(p, start, end));
                }
            }
        });
        return hits;
    }

    static boolean isWordBoundary(String text, int start, int end) {
        boolean startOk = start == 0 || !isWordChar(text.charAt(start - 1));
        return startOk && (end == text.length() || !isWordChar(text.charAt(end)) || isPluralPossessive(text, end));
    }

    /** "Bukeles' government": an s followed by an apostrophe ends the word like "'s" does. */
    private static boolean isPluralPossessive(String text, int at) {
        return text.charAt(at) == 's' && at + 1 < text.length() && text.charAt(at + 1) == '\''
                && (at + 2 == text.length() || !isWordChar(text.charAt(at + 2)));
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c);
    }

    private static boolean caseMatches(String original, TextNormalizer.Normalized text, int start, int end,
                                       String caseForm) {
        String span = original.substring(text.originalIndex()[start], text.originalEnd(original, end));
        return withoutSpaces(TextNormalizer.foldKeepCase(span)).equals(caseForm);
    }

    private static String withoutSpaces(String s) {
        return s.replace(" ", "");
    }
}

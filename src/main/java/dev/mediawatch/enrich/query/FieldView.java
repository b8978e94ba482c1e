package dev.mediawatch.enrich.query;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One field of a tokenised document: each folded word with its ascending word positions. Keyword
 * fields (entity ids, categories) hold each value as one word at position 0.
 */
public final class FieldView {

    static final int[] NONE = new int[0];

    private final DocumentTokens document;
    private final Map<String, int[]> positions;
    private String[] sorted; // built on the first wildcard lookup: most documents meet no wildcard query

    FieldView(DocumentTokens document, Map<String, int[]> positions) {
        this.document = document;
        this.positions = positions;
    }

    /** Positions of {@code word} in the given word lists, numbered across lists with a gap of one between them. */
    static Map<String, int[]> index(Iterable<List<String>> lists) {
        Map<String, IntList> acc = new HashMap<>();
        int pos = 0;
        for (List<String> words : lists) {
            for (String w : words) acc.computeIfAbsent(w, k -> new IntList()).add(pos++);
            pos++; // the gap keeps a phrase from running from the title into the body
        }
        Map<String, int[]> out = new HashMap<>(acc.size() * 2);
        acc.forEach((w, list) -> out.put(w, list.toArray()));
        return out;
    }

    DocumentTokens document() {
        return document;
    }

    Set<String> words() {
        return positions.keySet();
    }

    boolean contains(String word) {
        return positions.containsKey(word);
    }

    int[] positions(String word) {
        return positions.getOrDefault(word, NONE);
    }

    boolean anyMatching(String pattern) {
        String prefix = Wildcard.prefixOf(pattern);
        String[] words = sorted();
        for (int i = lowerBound(words, prefix); i < words.length && words[i].startsWith(prefix); i++) {
            if (Wildcard.glob(pattern, words[i])) return true;
        }
        return false;
    }

    /** Ascending positions of every word the pattern matches. */
    int[] positionsMatching(String pattern) {
        String prefix = Wildcard.prefixOf(pattern);
        String[] words = sorted();
        IntList out = new IntList();
        for (int i = lowerBound(words, prefix); i < words.length && words[i].startsWith(prefix); i++) {
            if (Wildcard.glob(pattern, words[i])) out.addAll(positions.get(words[i]));
        }
        int[] result = out.toArray();
        Arrays.sort(result);
        return result;
    }

    private String[] sorted() {
        if (sorted == null) {
            sorted = positions.keySet().toArray(String[]::new);
            Arrays.sort(sorted);
        }
        return sorted;
    }

    private static int lowerBound(String[] words, String key) {
        int i = Arrays.binarySearch(words, key);
        return i >= 0 ? i : -i - 1;
    }

    /** A growable int array: positions are many and boxing them would dominate tokenising. */
    static final class IntList {
        private int[] a = new int[4];
        private int n;

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        void addAll(int[] vs) {
            for (int v : vs) add(v);
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}

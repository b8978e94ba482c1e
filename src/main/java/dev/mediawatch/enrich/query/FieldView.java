package dev.mediawatch.enrich.query;

import dev.mediawatch.enrich.TextNormalizer;
import java.util.Arrays;

/**
 * One field of a tokenised document: each folded word with its ascending word positions. Keyword
 * fields (entity ids, categories) hold each value as one word at position 0.
 *
 * <p>Built in one pass over the raw text: chars are folded and split as they are read, each word is
 * hashed as it grows and looked up in an open-addressing table of the distinct words, whose chars sit
 * in one pool: a word costs no string (one is made only if asked for) and no map entry. Hashes are
 * {@link String#hashCode} values, so a query's word (whose hash the JVM caches) is found with one probe
 * and one comparison.
 */
public final class FieldView {

    static final int[] NONE = new int[0];

    private final DocumentTokens document;
    private final String[] words;     // by word id, made on first request
    private final char[] chars;       // every distinct word's chars: word id at [starts[id], starts[id + 1])
    private final int[] starts;
    private final int[] hashes;       // by word id: word(id).hashCode()
    private final int count;
    private final int[] table;        // open addressing: word id + 1, 0 = empty
    private final int mask;
    private final int[] posStart;     // by word id, count + 1 entries: where its positions start in pos
    private final int[] pos;          // every word's positions, grouped by word id, ascending within
    private int[] firstCharOrder;     // word ids by first char, built on the first wildcard lookup
    private int[] bucketStart;        // where each first-char bucket starts in firstCharOrder

    private FieldView(DocumentTokens document, Builder b) {
        this.document = document;
        this.words = b.words;
        this.chars = b.chars;
        this.starts = b.starts;
        this.hashes = b.hashes;
        this.count = b.count;
        this.table = b.table;
        this.mask = b.mask;
        posStart = new int[count + 1];
        for (int i = 0; i < b.occurrences; i++) posStart[b.occurrenceWord[i] + 1]++;
        for (int id = 0; id < count; id++) posStart[id + 1] += posStart[id];
        pos = new int[b.occurrences];
        int[] fill = Arrays.copyOf(posStart, count);
        for (int i = 0; i < b.occurrences; i++) pos[fill[b.occurrenceWord[i]]++] = b.occurrencePos[i];
    }

    DocumentTokens document() {
        return document;
    }

    /** How many distinct words the field holds. */
    int size() {
        return count;
    }

    /** The distinct word with this id, {@code 0 <= id < size()}. */
    String word(int id) {
        String w = words[id];
        if (w == null) w = words[id] = new String(chars, starts[id], starts[id + 1] - starts[id]);
        return w;
    }

    /** The chars of every word: word {@code id} is at {@code [charsFrom(id), charsFrom(id + 1))}. */
    char[] chars() {
        return chars;
    }

    int charsFrom(int id) {
        return starts[id];
    }

    /** {@code word(id).hashCode()}, without touching the string. */
    int hash(int id) {
        return hashes[id];
    }

    boolean contains(String word) {
        return idOf(word) >= 0;
    }

    int[] positions(String word) {
        int id = idOf(word);
        return id < 0 ? NONE : Arrays.copyOfRange(pos, posStart[id], posStart[id + 1]);
    }

    /** The id of {@code word}, or -1 if the field does not hold it. */
    int id(String word) {
        return idOf(word);
    }

    /** Every word's positions; those of word {@code id} are {@code [from(id), to(id))}, ascending. */
    int[] allPositions() {
        return pos;
    }

    int from(int id) {
        return posStart[id];
    }

    int to(int id) {
        return posStart[id + 1];
    }

    private int idOf(String word) {
        int h = word.hashCode();
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            int slot = table[i];
            if (slot == 0) return -1;
            if (hashes[slot - 1] == h && is(slot - 1, word)) return slot - 1;
        }
    }

    /** Whether word {@code id} is {@code s}. */
    private boolean is(int id, String s) {
        int from = starts[id];
        if (starts[id + 1] - from != s.length()) return false;
        for (int j = 0; j < s.length(); j++) if (chars[from + j] != s.charAt(j)) return false;
        return true;
    }

    /** Whether word {@code id} starts with {@code prefix}. */
    private boolean startsWith(int id, String prefix) {
        int from = starts[id];
        if (starts[id + 1] - from < prefix.length()) return false;
        for (int j = 0; j < prefix.length(); j++) if (chars[from + j] != prefix.charAt(j)) return false;
        return true;
    }

    /** Whether some word matches the pattern. */
    boolean anyMatching(String pattern) {
        String prefix = Wildcard.prefixOf(pattern);
        int[] ids = byFirstChar();
        int bucket = prefix.isEmpty() ? -1 : prefix.charAt(0) & BUCKET_MASK;
        int from = bucket < 0 ? 0 : bucketStart[bucket], to = bucket < 0 ? count : bucketStart[bucket + 1];
        for (int i = from; i < to; i++) {
            if (startsWith(ids[i], prefix) && Wildcard.glob(pattern, word(ids[i]))) return true;
        }
        return false;
    }

    /** Ascending positions of every word the pattern matches. */
    int[] positionsMatching(String pattern) {
        String prefix = Wildcard.prefixOf(pattern);
        int[] ids = byFirstChar();
        int bucket = prefix.isEmpty() ? -1 : prefix.charAt(0) & BUCKET_MASK;
        int from = bucket < 0 ? 0 : bucketStart[bucket], to = bucket < 0 ? count : bucketStart[bucket + 1];
        IntList out = new IntList();
        for (int i = from; i < to; i++) {
            int id = ids[i];
            if (startsWith(id, prefix) && Wildcard.glob(pattern, word(id))) {
                for (int p = posStart[id]; p < posStart[id + 1]; p++) out.add(pos[p]);
            }
        }
        int[] result = out.toArray();
        Arrays.sort(result);
        return result;
    }

    private static final int BUCKET_MASK = 63;

    /**
     * Word ids grouped by their first char (modulo 64), built on the first wildcard lookup, so a pattern
     * scans only the words that can start with its prefix: a counting sort, cheaper than sorting strings.
     */
    private int[] byFirstChar() {
        if (firstCharOrder == null) {
            int[] start = new int[BUCKET_MASK + 2];
            for (int id = 0; id < count; id++) start[(chars[starts[id]] & BUCKET_MASK) + 1]++;
            for (int b = 0; b <= BUCKET_MASK; b++) start[b + 1] += start[b];
            int[] fill = Arrays.copyOf(start, BUCKET_MASK + 1);
            int[] ids = new int[count];
            for (int id = 0; id < count; id++) ids[fill[chars[starts[id]] & BUCKET_MASK]++] = id;
            bucketStart = start;
            firstCharOrder = ids;
        }
        return firstCharOrder;
    }

    /** For each ASCII char, the char it adds to a word (folded to lower case), or 0 if it ends one. */
    private static final char[] ASCII_WORD_CHAR = new char[0x80];

    static {
        for (char c = '0'; c <= '9'; c++) ASCII_WORD_CHAR[c] = c;
        for (char c = 'a'; c <= 'z'; c++) ASCII_WORD_CHAR[c] = c;
        for (char c = 'A'; c <= 'Z'; c++) ASCII_WORD_CHAR[c] = (char) (c + 32);
    }

    static int spread(int h) {
        return h * 0x9E3779B9 >>> 7 ^ h;
    }

    /**
     * Collects words and positions. {@link #text} splits raw text exactly as {@link Words#of} does (the
     * letter and digit runs of the folded text); {@link #keyword} adds one whole value at position 0.
     */
    static final class Builder {
        private String[] words;
        private int[] hashes;
        private int count;
        private int[] table;
        private int mask;
        private int[] occurrenceWord;
        private int[] occurrencePos;
        private int occurrences;
        private int position;
        private char[] word = new char[32];
        private char[] in = new char[0];
        private char[] chars = new char[256]; // every distinct word's chars, word id at starts[id]
        private int[] starts = new int[65];
        private final StringBuilder folded = new StringBuilder(8);

        /** @param chars how many chars of text will be added: sizes the tables so they rarely grow */
        Builder(int chars) {
            int expectedWords = Math.max(4, chars / 6);
            words = new String[expectedWords];
            starts = new int[expectedWords + 1];
            hashes = new int[expectedWords];
            occurrenceWord = new int[expectedWords];
            occurrencePos = new int[expectedWords];
            table = new int[Integer.highestOneBit(expectedWords * 2 - 1) << 1];
            mask = table.length - 1;
        }

        /** Adds the words of {@code raw}, then a gap of one position so no phrase runs into the next text. */
        Builder text(String raw) {
            int n = raw.length();
            if (in.length < n) in = new char[n];
            raw.getChars(0, n, in, 0); // one bulk copy: the loop then reads a plain array
            char[] in = this.in;
            int len = 0, h = 0;
            for (int i = 0; i < n; ) {
                char c = in[i];
                if (c < 0x80) {
                    i++;
                    char f = ASCII_WORD_CHAR[c];
                    if (f != 0) {
                        if (len == word.length) word = Arrays.copyOf(word, len * 2);
                        word[len++] = f;
                        h = 31 * h + f;
                    } else if (len > 0) {
                        add(len, h);
                        len = 0;
                        h = 0;
                    }
                    continue;
                }
                int cp = Character.codePointAt(in, i, n);
                i += Character.charCount(cp);
                folded.setLength(0);
                TextNormalizer.foldCodePoint(cp, folded);
                for (int j = 0; j < folded.length(); j++) {
                    char f = folded.charAt(j);
                    if (Character.isLetterOrDigit(f)) {
                        if (len == word.length) word = Arrays.copyOf(word, len * 2);
                        word[len++] = f;
                        h = 31 * h + f;
                    } else if (len > 0) {
                        add(len, h);
                        len = 0;
                        h = 0;
                    }
                }
            }
            if (len > 0) add(len, h);
            position++;
            return this;
        }

        /** Adds an already comparable value (an entity id, a category) as one word at position 0, once. */
        Builder keyword(String value) {
            if (value.isEmpty()) return this;
            if (value.length() > word.length) word = Arrays.copyOf(word, value.length());
            value.getChars(0, value.length(), word, 0);
            int before = count;
            int id = find(value.length(), value.hashCode());
            if (count > before) occur(id, 0);
            return this;
        }

        FieldView build(DocumentTokens document) {
            return new FieldView(document, this);
        }

        private void add(int len, int h) {
            occur(find(len, h), position++);
        }

        private void occur(int id, int at) {
            if (occurrences == occurrenceWord.length) {
                occurrenceWord = Arrays.copyOf(occurrenceWord, occurrences * 2);
                occurrencePos = Arrays.copyOf(occurrencePos, occurrences * 2);
            }
            occurrenceWord[occurrences] = id;
            occurrencePos[occurrences++] = at;
        }

        /** The id of the word in {@code word[0, len)}, adding it if new. */
        private int find(int len, int h) {
            int i = spread(h) & mask;
            for (; table[i] != 0; i = (i + 1) & mask) {
                int id = table[i] - 1;
                if (hashes[id] == h && sameChars(id, len)) return id;
            }
            if (count == words.length) {
                words = Arrays.copyOf(words, count * 2);
                hashes = Arrays.copyOf(hashes, count * 2);
                starts = Arrays.copyOf(starts, count * 2 + 1);
            }
            int start = starts[count];
            if (start + len > chars.length) chars = Arrays.copyOf(chars, Math.max(chars.length * 2, start + len));
            System.arraycopy(word, 0, chars, start, len);
            starts[count + 1] = start + len;
            hashes[count] = h;
            table[i] = ++count;
            if (count * 2 > table.length) rehash();
            return count - 1;
        }

        private boolean sameChars(int id, int len) {
            int start = starts[id];
            if (starts[id + 1] - start != len) return false;
            return Arrays.equals(chars, start, start + len, word, 0, len);
        }

        private void rehash() {
            table = new int[table.length * 2];
            mask = table.length - 1;
            for (int id = 0; id < count; id++) {
                int i = spread(hashes[id]) & mask;
                while (table[i] != 0) i = (i + 1) & mask;
                table[i] = id + 1;
            }
        }
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

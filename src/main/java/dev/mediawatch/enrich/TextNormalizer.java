package dev.mediawatch.enrich;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Folds text so that print variants of a name compare equal: accents dropped (NFKD), lower case
 * ({@link Locale#ROOT}), curly apostrophes to {@code '}, every dash kind and whitespace run to one
 * space, invisible format characters (soft hyphen, zero-width space) removed.
 *
 * <p>{@link #normalize} also keeps, for each folded char, the index of the original char it came
 * from, so a match in folded text can be mapped back to the original for snippets and case checks.
 */
public final class TextNormalizer {

    private TextNormalizer() {}

    /** Normalised text plus a map from each normalised char index back to the original index (for snippets). */
    public static Normalized normalize(String text) {
        return normalize(text, true);
    }

    /** Normalise without index, for aliases: also trimmed. */
    public static String fold(String s) {
        return normalize(s, true).text().strip();
    }

    /** Like {@link #fold} but keeps letter case: case-sensitive aliases compare in this form. */
    static String foldKeepCase(String s) {
        return normalize(s, false).text().strip();
    }

    /**
     * The folded text and, for each of its chars, the index in the original text.
     *
     * @param text          the folded text
     * @param originalIndex same length as {@code text}; index of the originating char in the input
     */
    public record Normalized(String text, int[] originalIndex) {

        /** Index in the original text just past the char that produced folded char {@code end - 1}. */
        int originalEnd(String original, int end) {
            int last = originalIndex[end - 1];
            return last + Character.charCount(original.codePointAt(last));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Normalized n && text.equals(n.text) && Arrays.equals(originalIndex, n.originalIndex);
        }

        @Override
        public int hashCode() {
            return 31 * text.hashCode() + Arrays.hashCode(originalIndex);
        }

        @Override
        public String toString() {
            return "Normalized[" + text + "]";
        }
    }

    static Normalized normalize(String text, boolean lowerCase) {
        String in = text == null ? "" : text;
        Builder out = new Builder(in.length());
        for (int i = 0; i < in.length(); ) {
            char c = in.charAt(i);
            if (c < 0x80) {
                // Most news text is ASCII: one table lookup instead of the general checks, same result.
                byte kind = ASCII_KIND[c];
                if (kind == ASCII_SPACE) out.space(i);
                else if (kind == ASCII_APOSTROPHE) out.append('\'', i);
                else if (kind == ASCII_LETTER_OR_OTHER) out.append(lowerCase && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c, i);
                i++;
                continue;
            }
            int cp = in.codePointAt(i);
            appendFolded(out, cp, i, lowerCase);
            i += Character.charCount(cp);
        }
        return out.build();
    }

    /**
     * Appends to {@code out} what {@link #fold} makes of one code point (lower case), outside any context:
     * nothing for an invisible format char, a space for a dash or white space. Folding is code point by
     * code point, so a tokenizer can fold as it scans instead of folding the whole text first.
     */
    public static void foldCodePoint(int cp, StringBuilder out) {
        if (cp < 0x80) {
            byte kind = ASCII_KIND[cp];
            if (kind == ASCII_SPACE) out.append(' ');
            else if (kind == ASCII_APOSTROPHE) out.append('\'');
            else if (kind == ASCII_LETTER_OR_OTHER) out.append(cp >= 'A' && cp <= 'Z' ? (char) (cp + 32) : (char) cp);
            return;
        }
        Builder b = new Builder(4);
        appendFolded(b, cp, 0, true);
        out.append(b.text, 0, b.length);
    }

    private static final byte ASCII_LETTER_OR_OTHER = 0;
    private static final byte ASCII_SPACE = 1;
    private static final byte ASCII_APOSTROPHE = 2;
    private static final byte ASCII_DROPPED = 3;
    /** What {@link #appendFolded} does with each ASCII char, worked out once by asking it. */
    private static final byte[] ASCII_KIND = asciiKinds();

    private static byte[] asciiKinds() {
        byte[] kinds = new byte[0x80];
        for (char c = 0; c < 0x80; c++) {
            Builder probe = new Builder(4);
            probe.append('x', -1);
            appendFolded(probe, c, 0, false);
            String folded = probe.build().text().substring(1);
            if (folded.isEmpty()) kinds[c] = ASCII_DROPPED;
            else if (folded.equals(" ") && c != ' ' || c == ' ') kinds[c] = ASCII_SPACE;
            else if (folded.equals("'") && c != '\'') kinds[c] = ASCII_APOSTROPHE;
            else if (folded.equals(String.valueOf(c))) kinds[c] = ASCII_LETTER_OR_OTHER;
            else throw new IllegalStateException("unexpected fold of ASCII " + (int) c + ": " + folded);
        }
        return kinds;
    }

    private static void appendFolded(Builder out, int cp, int index, boolean lowerCase) {
        // Punctuation is mapped before NFKD: NFKD would turn U+00B4 (acute) into space + mark.
        if (isDash(cp) || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            out.space(index);
        } else if (isApostrophe(cp)) {
            out.append('\'', index);
        } else if (cp == '\u201C' || cp == '\u201D' || cp == '\u201E' || cp == '\u201F') {
            out.append('"', index);
        } else if (Character.getType(cp) == Character.FORMAT) {
            // soft hyphen, zero-width space/joiners: invisible, must not split a word
        } else if (cp < 0x80) {
            out.append(lowerCase ? Character.toLowerCase((char) cp) : (char) cp, index);
        } else {
            appendDecomposed(out, cp, index, lowerCase);
        }
    }

    private static void appendDecomposed(Builder out, int cp, int index, boolean lowerCase) {
        String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD);
        if (lowerCase) decomposed = decomposed.toLowerCase(Locale.ROOT);
        for (int j = 0; j < decomposed.length(); j++) {
            char c = decomposed.charAt(j);
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                    || type == Character.ENCLOSING_MARK) continue;
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || isDash(c)) out.space(index);
            else out.append(c, index);
        }
    }

    static boolean isDash(int cp) {
        return cp == '-' || (cp >= '\u2010' && cp <= '\u2015') || cp == '\u2212' || cp == '\u2E3A'
                || cp == '\u2E3B' || cp == '\uFE58' || cp == '\uFE63' || cp == '\uFF0D';
    }

    private static boolean isApostrophe(int cp) {
        return cp == '\u2018' || cp == '\u2019' || cp == '\u201A' || cp == '\u201B' || cp == '\u2032'
                || cp == '\u02BC' || cp == '`' || cp == '\u00B4' || cp == '\uFF07';
    }

    /** Appends chars with their origin, collapsing runs of spaces into one; plain arrays, as this is per char. */
    private static final class Builder {
        private char[] text;
        private int[] index;
        private int length;

        Builder(int capacity) {
            text = new char[Math.max(16, capacity)];
            index = new int[text.length];
        }

        void space(int origin) {
            if (length > 0 && text[length - 1] == ' ') return;
            append(' ', origin);
        }

        void append(char c, int origin) {
            if (length == text.length) {
                text = Arrays.copyOf(text, length * 2);
                index = Arrays.copyOf(index, length * 2);
            }
            index[length] = origin;
            text[length++] = c;
        }

        Normalized build() {
            return new Normalized(new String(text, 0, length), Arrays.copyOf(index, length));
        }
    }
}

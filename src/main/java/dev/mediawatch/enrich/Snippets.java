package dev.mediawatch.enrich;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts the sentence around a mention out of original text, and finds where an article's lead ends.
 *
 * <p>Sentence splitting is deliberately simple (no model): a sentence ends at a blank line, or at
 * . ! ? followed by space and not a capital-less continuation, unless the period closes a known
 * abbreviation or an initial ("U.S. District Judge", "Sen. Van Hollen", "J. Boasberg").
 */
final class Snippets {

    static final int MAX_SNIPPET = 300;
    /** Context kept before the mention when a long sentence has to be cut. */
    private static final int BEFORE_MENTION = 100;
    static final int LEAD_MIN = 300;
    static final int LEAD_MAX = 600;

    private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t\\x0B\\f\\r\\u00A0]*\\n");
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "st", "sen", "rep", "reps", "gov", "gen", "jr", "sr", "lt", "col", "sgt",
            "capt", "maj", "adm", "pres", "prof", "rev", "hon", "atty", "vs", "v", "no", "nos", "inc", "corp",
            "co", "ltd", "dept", "est", "approx", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
            "nov", "dec", "fig", "al", "etc");

    private Snippets() {}

    /**
     * Where the lead ends: the first paragraph (text up to the first blank line), but at least
     * {@link #LEAD_MIN} chars, so a one-line dateline does not make a lead, and at most
     * {@link #LEAD_MAX}, so text without paragraph breaks does not count as all lead.
     */
    static int leadEnd(String text) {
        int from = 0;
        while (from < text.length() && Character.isWhitespace(text.charAt(from))) from++;
        Matcher m = BLANK_LINE.matcher(text);
        int paragraphEnd = m.find(from) ? m.start() : text.length();
        return Math.min(text.length(), Math.min(LEAD_MAX, Math.max(paragraphEnd, LEAD_MIN)));
    }

    /** The sentence of {@code text} containing [start, end), whitespace collapsed, cut to {@link #MAX_SNIPPET}. */
    static String sentenceAround(String text, int start, int end) {
        int from = sentenceStart(text, start);
        int to = sentenceEnd(text, end);
        String before = collapse(text.substring(from, start)).stripLeading();
        String sentence = (before + collapse(text.substring(start, to))).strip();
        return cut(sentence, before.length());
    }

    /** Whitespace collapsed and cut to {@link #MAX_SNIPPET} from the start. */
    static String shorten(String text) {
        return cut(collapse(text).strip(), 0);
    }

    private static int sentenceStart(String text, int at) {
        for (int i = at - 1; i > 0; i--) {
            char c = text.charAt(i);
            if (isParagraphBreak(text, i) || Character.isWhitespace(c) && endsSentence(text, i)) return i + 1;
        }
        return 0;
    }

    private static int sentenceEnd(String text, int at) {
        for (int i = at; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isParagraphBreak(text, i) || Character.isWhitespace(c) && endsSentence(text, i)) return i;
        }
        return text.length();
    }

    /** A newline next to another across only blanks: hard-wrapped lines inside a sentence are not breaks. */
    private static boolean isParagraphBreak(String text, int i) {
        if (text.charAt(i) != '\n') return false;
        int before = i - 1;
        while (before >= 0 && isBlank(text.charAt(before))) before--;
        int after = i + 1;
        while (after < text.length() && isBlank(text.charAt(after))) after++;
        return before >= 0 && text.charAt(before) == '\n' || after < text.length() && text.charAt(after) == '\n';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\u00A0';
    }

    /** Whether the whitespace at {@code space} follows the end of a sentence. */
    private static boolean endsSentence(String text, int space) {
        int p = space - 1;
        while (p >= 0 && isClosing(text.charAt(p))) p--;
        if (p < 0) return false;
        char mark = text.charAt(p);
        if (mark == '!' || mark == '?') return true;
        return mark == '.' && !isAbbreviation(text, p) && !startsLowerCase(text, space);
    }

    private static boolean isClosing(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '\u201D' || c == '\u2019';
    }

    /** The word before the period at {@code dot} is an abbreviation, an initial, or dotted (U.S., D.C.). */
    private static boolean isAbbreviation(String text, int dot) {
        int w = dot;
        while (w > 0 && !Character.isWhitespace(text.charAt(w - 1)) && !isOpening(text.charAt(w - 1))) w--;
        String word = text.substring(w, dot);
        if (word.isEmpty()) return false;
        if (word.length() == 1 && Character.isLetter(word.charAt(0))) return true;
        if (word.indexOf('.') >= 0) return word.matches("(\\p{L}\\.)*\\p{L}");
        return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
    }

    private static boolean isOpening(char c) {
        return c == '"' || c == '(' || c == '[' || c == '\u201C' || c == '\u2018';
    }

    private static boolean startsLowerCase(String text, int space) {
        int i = space;
        while (i < text.length() && (Character.isWhitespace(text.charAt(i)) || isOpening(text.charAt(i)))) i++;
        return i < text.length() && Character.isLowerCase(text.charAt(i));
    }

    /** Each run of {@code [\s\u00A0]} (regex {@code \s}: space, tab, newline, VT, form feed, CR) to one space. */
    static String collapse(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isCollapsed(c)) {
                if (out != null) out.append(c);
                continue;
            }
            int end = i + 1;
            while (end < s.length() && isCollapsed(s.charAt(end))) end++;
            if (out == null && (c != ' ' || end > i + 1)) out = new StringBuilder(s.length()).append(s, 0, i);
            if (out != null) out.append(' ');
            i = end - 1;
        }
        return out == null ? s : out.toString();
    }

    private static boolean isCollapsed(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B' || c == '\u00A0';
    }

    /** Cuts at word boundaries around {@code focus}, marking each cut with an ellipsis. */
    static String cut(String s, int focus) {
        if (s.length() <= MAX_SNIPPET) return s;
        int from = Math.max(0, Math.min(focus - BEFORE_MENTION, s.length() - MAX_SNIPPET));
        if (from > 0) from = s.indexOf(' ', from) + 1;
        int to = Math.min(s.length(), from + MAX_SNIPPET - 2);
        if (to < s.length()) {
            int space = s.lastIndexOf(' ', to);
            if (space > from) to = space;
        }
        return (from > 0 ? "\u2026" : "") + s.substring(from, to).strip() + (to < s.length() ? "\u2026" : "");
    }
}

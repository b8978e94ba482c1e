package dev.mediawatch.deliver;

/**
 * Slack mrkdwn text that cannot surprise: {@code &}, {@code <} and {@code >} escaped as Slack asks, so an
 * article title such as {@code <!channel>} or {@code <https://evil|Click>} shows as written and never pings
 * or links; cuts that respect Slack's limits without breaking an escape.
 */
public final class SlackText {
    /** Slack's limit on the text of a section block (and of any text object). */
    public static final int MAX_TEXT = 3000;
    public static final String ELLIPSIS = "…";

    private SlackText() {
    }

    public static String escape(String raw) {
        if (raw == null) return "";
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A URL inside {@code <url|text>}: escaped, and a literal {@code |} encoded so it cannot end the URL early. */
    public static String url(String raw) {
        return escape(raw).replace("|", "%7C");
    }

    /**
     * Escaped {@code raw} cut, if needed, so that the result is at most {@code max} characters, ending in an
     * ellipsis; the cut is made in the raw text, so no escape is split and no surrogate pair is halved.
     */
    public static String escapeWithin(String raw, int max) {
        String escaped = escape(raw);
        if (escaped.length() <= max) return escaped;
        int budget = max - ELLIPSIS.length();
        StringBuilder out = new StringBuilder(max);
        for (int i = 0; i < raw.length(); ) {
            int cp = raw.codePointAt(i);
            String piece = escape(new String(Character.toChars(cp)));
            if (out.length() + piece.length() > budget) break;
            out.append(piece);
            i += Character.charCount(cp);
        }
        return out.toString().stripTrailing() + ELLIPSIS;
    }

    /**
     * The escaped snippet with the first case-insensitive occurrence of {@code mention} in bold, fitted into
     * {@code max}; the snippet alone (escaped) when the mention is absent or not found in it.
     */
    public static String withMentionInBold(String snippet, String mention, int max) {
        if (snippet == null) return "";
        int at = mention == null ? -1 : indexOfIgnoreCase(snippet, mention);
        if (at < 0) return escapeWithin(snippet, max);
        String before = snippet.substring(0, at);
        String match = snippet.substring(at, at + mention.length());
        String after = snippet.substring(at + mention.length());
        String bold = "*" + escape(match) + "*";
        String head = escape(before);
        if (head.length() + bold.length() + ELLIPSIS.length() > max) return escapeWithin(snippet, max);
        return head + bold + escapeWithin(after, max - head.length() - bold.length());
    }

    private static int indexOfIgnoreCase(String text, String part) {
        if (part.isEmpty()) return -1;
        for (int i = 0; i + part.length() <= text.length(); i++) {
            if (text.regionMatches(true, i, part, 0, part.length())) return i;
        }
        return -1;
    }
}

package dev.mediawatch.enrich.query;

import java.util.ArrayList;
import java.util.List;

/** Splits query text into tokens, each with the char offset it starts at, for error positions. */
final class QueryLexer {

    enum Type { LPAREN, RPAREN, AND, OR, NOT, MINUS, NEAR, FIELD, WORD, QUOTED, END }

    /**
     * @param text     the word, the quoted text, or the field label
     * @param distance for NEAR only
     */
    record Token(Type type, String text, int position, int distance) {
        boolean startsClause() {
            return switch (type) {
                case LPAREN, NOT, MINUS, FIELD, WORD, QUOTED -> true;
                default -> false;
            };
        }
    }

    private final String in;
    private final List<Token> out = new ArrayList<>();
    private int i;

    private QueryLexer(String in) {
        this.in = in;
    }

    static List<Token> tokens(String text) throws QueryParseException {
        QueryLexer lexer = new QueryLexer(text);
        lexer.run();
        return lexer.out;
    }

    private void run() throws QueryParseException {
        while (true) {
            while (i < in.length() && Character.isWhitespace(in.charAt(i))) i++;
            if (i == in.length()) break;
            char c = in.charAt(i);
            if (c == '(') add(Type.LPAREN, "(", i++);
            else if (c == ')') add(Type.RPAREN, ")", i++);
            else if (isQuote(c)) quoted();
            else if (c == '-' && i + 1 < in.length() && !Character.isWhitespace(in.charAt(i + 1))) {
                add(Type.MINUS, "-", i++); // only at a word start: "ms-13" is read whole by word()
            } else word();
        }
        add(Type.END, "", in.length());
    }

    private void quoted() throws QueryParseException {
        int start = i++;
        while (i < in.length() && !isQuote(in.charAt(i))) i++;
        if (i == in.length()) throw new QueryParseException("unterminated quote: expected closing '\"'", start);
        add(Type.QUOTED, in.substring(start + 1, i), start);
        i++;
    }

    private void word() throws QueryParseException {
        int start = i;
        while (i < in.length() && !isDelimiter(in.charAt(i))) i++;
        String w = in.substring(start, i);
        switch (w) {
            case "AND" -> add(Type.AND, w, start);
            case "OR" -> add(Type.OR, w, start);
            case "NOT" -> add(Type.NOT, w, start);
            default -> {
                if (w.equals("NEAR") || w.startsWith("NEAR/")) near(w, start);
                else if (!field(w, start)) add(Type.WORD, w, start);
            }
        }
    }

    private void near(String w, int start) throws QueryParseException {
        String digits = w.length() > 5 ? w.substring(5) : "";
        if (digits.isEmpty() || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9') || digits.length() > 6) {
            throw new QueryParseException("expected a number after 'NEAR/' (as in NEAR/3)", start + Math.min(5, w.length()));
        }
        int distance = Integer.parseInt(digits);
        if (distance < 1) throw new QueryParseException("expected a NEAR distance of at least 1", start + 5);
        out.add(new Token(Type.NEAR, w, start, distance));
    }

    /** "title:x" -> FIELD then x; a letters-only prefix that is no field is an error, "10:30" is a word. */
    private boolean field(String w, int start) throws QueryParseException {
        int colon = w.indexOf(':');
        if (colon <= 0 || !w.substring(0, colon).chars().allMatch(Character::isLetter)) return false;
        String label = w.substring(0, colon);
        if (Field.Name.fromLabel(label).isEmpty()) {
            throw new QueryParseException("unknown field '" + label
                    + "': expected title, outlet, entity, category or text", start);
        }
        add(Type.FIELD, label, start);
        i = start + colon + 1; // lex the value after the colon as its own token
        return true;
    }

    private void add(Type type, String text, int position) {
        out.add(new Token(type, text, position, 0));
    }

    private static boolean isQuote(char c) {
        return c == '"' || c == '\u201C' || c == '\u201D';
    }

    private static boolean isDelimiter(char c) {
        return Character.isWhitespace(c) || c == '(' || c == ')' || isQuote(c);
    }
}

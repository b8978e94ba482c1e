package dev.mediawatch.enrich.query;

import dev.mediawatch.enrich.TextNormalizer;
import dev.mediawatch.enrich.query.QueryLexer.Token;
import dev.mediawatch.enrich.query.QueryLexer.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the stored query language of subscriptions.
 *
 * <pre>
 * "Abrego Garcia" AND (court OR judge)      phrase, AND, OR, parentheses
 * cecot deport* -tourism                    implicit AND, suffix wildcard, '-' as NOT
 * bukele NEAR/3 trump                       within 3 words, either order (NEAR/1 = adjacent)
 * entity:cecot category:courts              entity id, category
 * outlet:"The Guardian" title:(court OR judge)
 * </pre>
 *
 * <ul>
 *   <li>Operators are words in upper case only: {@code AND}, {@code OR}, {@code NOT}, {@code NEAR/n}.
 *       Lower-case {@code and}, {@code or}, {@code not}, {@code near} are ordinary terms, because
 *       pasted headlines are full of them.</li>
 *   <li>Precedence, tightest first: {@code NEAR}, {@code NOT}/{@code -}, {@code AND} (also implicit
 *       between adjacent clauses), {@code OR}.</li>
 *   <li>Terms match whole words, accent- and case-insensitively. A term with punctuation inside
 *       ({@code ms-13}, {@code Bukele's}) is the phrase of its words.</li>
 *   <li>{@code *} matches any run of characters, {@code ?} one character, within one word.</li>
 *   <li>Fields: {@code title:} (headline words), {@code outlet:} (outlet name words), {@code entity:} and
 *       {@code category:} (whole values: {@code entity:"Abrego Garcia"} equals id {@code abrego-garcia}),
 *       {@code text:} (the default, title and body). A field applies to one term, phrase or group.</li>
 * </ul>
 */
public final class QueryParser {

    private static final String CLAUSE = "expected a term, phrase or '('";

    private final List<Token> tokens;
    private int next;
    private Field.Name field = Field.Name.TEXT;

    private QueryParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Query parse(String text) throws QueryParseException {
        if (text == null || text.isBlank()) throw new QueryParseException("empty query: " + CLAUSE, 0);
        QueryParser p = new QueryParser(QueryLexer.tokens(text));
        Query q = p.or();
        Token t = p.peek();
        if (t.type() == Type.RPAREN) throw new QueryParseException("unexpected ')' without '('", t.position());
        if (t.type() != Type.END) throw new QueryParseException("expected end of query", t.position());
        return q;
    }

    private Query or() throws QueryParseException {
        List<Query> clauses = new ArrayList<>(List.of(and()));
        while (peek().type() == Type.OR) {
            next++;
            clauses.add(and());
        }
        return clauses.size() == 1 ? clauses.get(0) : new Or(clauses);
    }

    private Query and() throws QueryParseException {
        List<Query> clauses = new ArrayList<>(List.of(unary()));
        while (true) {
            if (peek().type() == Type.AND) next++;
            else if (!peek().startsClause()) break;
            clauses.add(unary());
        }
        return clauses.size() == 1 ? clauses.get(0) : new And(clauses);
    }

    private Query unary() throws QueryParseException {
        Type t = peek().type();
        if (t == Type.NOT || t == Type.MINUS) {
            next++;
            return new Not(unary());
        }
        return near();
    }

    private Query near() throws QueryParseException {
        Query left = primary();
        while (peek().type() == Type.NEAR) {
            Token op = tokens.get(next++);
            Query right = primary();
            if (!(left instanceof Positional) || !(right instanceof Positional)) {
                throw new QueryParseException("expected a term, phrase or wildcard on both sides of "
                        + op.text(), op.position());
            }
            left = new Near(left, right, op.distance());
        }
        return left;
    }

    private Query primary() throws QueryParseException {
        Token t = tokens.get(next);
        switch (t.type()) {
            case LPAREN -> {
                next++;
                Query q = or();
                Token close = peek();
                if (close.type() != Type.RPAREN) throw new QueryParseException("expected ')'", close.position());
                next++;
                return q;
            }
            case FIELD -> {
                return fielded(t);
            }
            case WORD, QUOTED -> {
                next++;
                return field.isKeyword() ? keyword(t) : words(t);
            }
            default -> throw new QueryParseException(CLAUSE, t.position());
        }
    }

    private Query fielded(Token t) throws QueryParseException {
        if (field != Field.Name.TEXT) throw new QueryParseException("fields cannot be nested", t.position());
        next++;
        field = Field.Name.fromLabel(t.text()).orElseThrow();
        try {
            Token value = peek();
            if (value.type() != Type.LPAREN && value.type() != Type.WORD && value.type() != Type.QUOTED) {
                throw new QueryParseException(CLAUSE + " after '" + t.text() + ":'", value.position());
            }
            Field.Name name = field;
            return name == Field.Name.TEXT ? primary() : new Field(name, primary());
        } finally {
            field = Field.Name.TEXT;
        }
    }

    private Query keyword(Token t) throws QueryParseException {
        boolean pattern = t.type() == Type.WORD && Words.hasWildcard(t.text());
        String k = Words.keyword(t.text(), pattern);
        if (k.replace("*", "").replace("?", "").isEmpty()) {
            throw new QueryParseException("expected a value with letters or digits", t.position());
        }
        return pattern ? new Wildcard(k) : new Term(k);
    }

    private Query words(Token t) throws QueryParseException {
        if (t.type() == Type.WORD && Words.hasWildcard(t.text())) return wildcard(t);
        List<String> words = Words.of(t.text());
        if (words.isEmpty()) {
            String what = t.type() == Type.QUOTED ? "expected a phrase with letters or digits"
                    : "expected a term with letters or digits";
            throw new QueryParseException(what, t.position());
        }
        return words.size() == 1 ? new Term(words.get(0)) : new Phrase(words);
    }

    private Query wildcard(Token t) throws QueryParseException {
        String folded = TextNormalizer.fold(t.text());
        boolean oneWord = folded.chars().allMatch(c -> Character.isLetterOrDigit(c) || Words.isWildcard((char) c));
        if (!oneWord) throw new QueryParseException("expected a wildcard within one word", t.position());
        if (folded.chars().noneMatch(Character::isLetterOrDigit)) {
            throw new QueryParseException("expected a wildcard with letters or digits", t.position());
        }
        return new Wildcard(folded);
    }

    private Token peek() {
        return tokens.get(next);
    }
}

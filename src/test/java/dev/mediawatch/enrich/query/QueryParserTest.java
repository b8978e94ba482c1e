package dev.mediawatch.enrich.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class QueryParserTest {

    private static Query parse(String q) throws QueryParseException {
        return QueryParser.parse(q);
    }

    private static void failsAt(String query, int position, String message) {
        ThrowingCallable call = () -> QueryParser.parse(query);
        assertThatThrownBy(call).isInstanceOfSatisfying(QueryParseException.class, e -> {
            assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
            assertThat(e.getMessage()).contains(message).endsWith("at position " + position);
        });
    }

    @Test
    void buildsTheTreeWithPrecedence() throws Exception {
        assertThat(parse("a OR b c AND NOT d")).isEqualTo(new Or(List.of(new Term("a"),
                new And(List.of(new Term("b"), new Term("c"), new Not(new Term("d")))))));
    }

    @Test
    void nearBindsTighterThanNot() throws Exception {
        assertThat(parse("NOT a NEAR/2 b")).isEqualTo(new Not(new Near(new Term("a"), new Term("b"), 2)));
    }

    @Test
    void foldsTermsAndSplitsPunctuatedOnesIntoPhrases() throws Exception {
        assertThat(parse("Ábrego")).isEqualTo(new Term("abrego"));
        assertThat(parse("MS-13")).isEqualTo(new Phrase(List.of("ms", "13")));
        assertThat(parse("\"CECOT\"")).isEqualTo(new Term("cecot"));
    }

    @Test
    void acceptsCurlyQuotes() throws Exception {
        assertThat(parse("\u201CAbrego Garcia\u201D")).isEqualTo(new Phrase(List.of("abrego", "garcia")));
    }

    @Test
    void fieldsWrapTheirValue() throws Exception {
        assertThat(parse("entity:\"Abrego Garcia\"")).isEqualTo(new Field(Field.Name.ENTITY, new Term("abrego-garcia")));
        assertThat(parse("outlet:\"The Guardian\""))
                .isEqualTo(new Field(Field.Name.OUTLET, new Phrase(List.of("the", "guardian"))));
        assertThat(parse("TITLE:(a OR b)")).isEqualTo(new Field(Field.Name.TITLE, new Or(List.of(new Term("a"), new Term("b")))));
    }

    @Test
    void timesAreWordsNotFields() throws Exception {
        assertThat(parse("10:30")).isEqualTo(new Phrase(List.of("10", "30")));
    }

    @Test
    void hyphenInsideAWordIsNotNot() throws Exception {
        assertThat(parse("a -b")).isEqualTo(new And(List.of(new Term("a"), new Not(new Term("b")))));
    }

    @Test
    void emptyQuery() {
        failsAt("", 0, "empty query");
        failsAt("   ", 0, "empty query");
    }

    @Test
    void unbalancedParentheses() {
        failsAt("(court OR judge", 15, "expected ')'");
        failsAt("\"Abrego Garcia\" AND (court OR judge", 35, "expected ')'");
        failsAt("court OR judge)", 14, "unexpected ')'");
        failsAt("()", 1, "expected a term, phrase or '('");
    }

    @Test
    void danglingOperators() {
        failsAt("court AND", 9, "expected a term, phrase or '('");
        failsAt("OR court", 0, "expected a term, phrase or '('");
        failsAt("court OR OR judge", 9, "expected a term, phrase or '('");
        failsAt("NOT", 3, "expected a term, phrase or '('");
        failsAt("court NEAR/3", 12, "expected a term, phrase or '('");
    }

    @Test
    void unterminatedQuote() {
        failsAt("court AND \"Abrego Garcia", 10, "unterminated quote");
    }

    @Test
    void badNear() {
        failsAt("a NEAR/x b", 7, "expected a number after 'NEAR/'");
        failsAt("a NEAR b", 6, "expected a number after 'NEAR/'");
        failsAt("a NEAR/ b", 7, "expected a number after 'NEAR/'");
        failsAt("a NEAR/0 b", 7, "at least 1");
        failsAt("(a OR b) NEAR/2 c", 9, "on both sides of NEAR/2");
    }

    @Test
    void badFields() {
        failsAt("author:smith", 0, "unknown field 'author'");
        failsAt("title: ", 7, "after 'title:'");
        failsAt("title:(entity:cecot)", 7, "fields cannot be nested");
    }

    @Test
    void termsWithoutLetters() {
        failsAt("court &", 6, "expected a term with letters or digits");
        failsAt("a - b", 2, "expected a term with letters or digits");
        failsAt("\"...\"", 0, "expected a phrase with letters or digits");
        failsAt("*", 0, "wildcard with letters or digits");
        failsAt("ms-1*", 0, "wildcard within one word");
    }
}

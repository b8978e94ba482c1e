package dev.mediawatch.enrich.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.model.Article;
import dev.mediawatch.model.EntityMention;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryMatchTest {

    private static final Document DOC = new Document(
            "Judge orders return of Kilmar Ábrego García from CECOT",
            "A federal judge in Maryland ruled on Friday that the deportation of Kilmar Abrego Garcia to "
                    + "El Salvador was unlawful. The Trump administration said it would appeal the ruling. "
                    + "Bukele's government did not comment.",
            "The Guardian",
            Set.of("abrego-garcia", "cecot"),
            Set.of("courts", "deportations"));

    private static boolean matches(String query) throws QueryParseException {
        return QueryParser.parse(query).matches(DOC);
    }

    @Test
    void bareTermMatchesWholeWordsOnly() throws Exception {
        assertThat(matches("judge")).isTrue();
        assertThat(matches("judg")).isFalse();
        assertThat(matches("salvadoran")).isFalse();
    }

    @Test
    void termsAreAccentAndCaseInsensitive() throws Exception {
        assertThat(matches("GARCÍA")).isTrue();
        assertThat(matches("cecot")).isTrue();
    }

    @Test
    void phraseWithAccentsMatchesUnaccentedText() throws Exception {
        assertThat(matches("\"Ábrego García\"")).isTrue();
        assertThat(QueryParser.parse("\"abrego garcia\"").matches(
                new Document("", "Kilmar Ábrego García", "", Set.of(), Set.of()))).isTrue();
    }

    @Test
    void phraseNeedsConsecutiveWords() throws Exception {
        assertThat(matches("\"federal judge\"")).isTrue();
        assertThat(matches("\"judge federal\"")).isFalse();
        assertThat(matches("\"federal maryland\"")).isFalse();
    }

    @Test
    void phraseDoesNotRunFromTitleIntoBody() throws Exception {
        assertThat(matches("\"cecot a federal\"")).isFalse();
    }

    @Test
    void termWithApostropheIsAPhraseOfItsWords() throws Exception {
        assertThat(matches("Bukele's")).isTrue();
        assertThat(matches("bukele")).isTrue();
    }

    @Test
    void andOrNot() throws Exception {
        assertThat(matches("judge AND appeal")).isTrue();
        assertThat(matches("judge AND tourism")).isFalse();
        assertThat(matches("tourism OR appeal")).isTrue();
        assertThat(matches("NOT tourism")).isTrue();
        assertThat(matches("NOT judge")).isFalse();
    }

    @Test
    void adjacentClausesAreAnded() throws Exception {
        assertThat(matches("judge appeal")).isTrue();
        assertThat(matches("judge tourism")).isFalse();
    }

    @Test
    void minusIsNot() throws Exception {
        assertThat(matches("judge -tourism")).isTrue();
        assertThat(matches("judge -appeal")).isFalse();
        assertThat(matches("judge -(appeal OR tourism)")).isFalse();
    }

    @Test
    void lowerCaseOperatorsAreTerms() throws Exception {
        assertThat(matches("judge and tourism")).isFalse(); // "and" is a word; "tourism" is missing
        assertThat(matches("judge or tourism")).isFalse();
        assertThat(matches("\"and\"")).isFalse();
        assertThat(matches("that and")).isFalse();
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() throws Exception {
        // NOT judge AND appeal == (NOT judge) AND appeal
        assertThat(matches("NOT judge AND appeal")).isFalse();
        // tourism AND judge OR appeal == (tourism AND judge) OR appeal
        assertThat(matches("tourism AND judge OR appeal")).isTrue();
        // appeal OR judge AND tourism == appeal OR (judge AND tourism)
        assertThat(matches("appeal OR judge AND tourism")).isTrue();
        assertThat(matches("(appeal OR judge) AND tourism")).isFalse();
    }

    @Test
    void parenthesesOverridePrecedence() throws Exception {
        assertThat(matches("tourism AND (judge OR appeal)")).isFalse();
        assertThat(matches("NOT (tourism OR beaches)")).isTrue();
        assertThat(matches("\"Abrego Garcia\" AND (court OR judge)")).isTrue();
    }

    @Test
    void nearWithinDistanceInEitherOrder() throws Exception {
        // "Trump administration said it would appeal": trump@0, appeal@5 in that sentence
        assertThat(matches("trump NEAR/5 appeal")).isTrue();
        assertThat(matches("appeal NEAR/5 trump")).isTrue();
        assertThat(matches("trump NEAR/4 appeal")).isFalse();
        assertThat(matches("judge NEAR/3 maryland")).isTrue();
        assertThat(matches("maryland NEAR/3 judge")).isTrue();
        assertThat(matches("maryland NEAR/1 judge")).isFalse();
    }

    @Test
    void nearOneMeansAdjacent() throws Exception {
        assertThat(matches("federal NEAR/1 judge")).isTrue();
        assertThat(matches("judge NEAR/1 federal")).isTrue();
    }

    @Test
    void nearMeasuresFromThePhraseEnds() throws Exception {
        assertThat(matches("\"Abrego Garcia\" NEAR/3 salvador")).isTrue(); // garcia to el salvador
        assertThat(matches("salvador NEAR/2 \"Abrego Garcia\"")).isFalse();
        assertThat(matches("\"trump administration\" NEAR/4 appeal")).isTrue();
        assertThat(matches("\"trump administration\" NEAR/3 appeal")).isFalse();
    }

    @Test
    void nearNeedsTwoOccurrencesOfTheSameWord() throws Exception {
        assertThat(matches("ruled NEAR/5 ruled")).isFalse();
        assertThat(matches("judge NEAR/20 judge")).isTrue(); // once in the title, once in the body
    }

    @Test
    void wildcards() throws Exception {
        assertThat(matches("deport*")).isTrue();
        assertThat(matches("deportee*")).isFalse();
        assertThat(matches("rul?d")).isTrue();
        assertThat(matches("rul?")).isFalse();
        assertThat(matches("j*e")).isTrue();
        assertThat(matches("appea? NEAR/5 trump")).isTrue();
    }

    @Test
    void titleField() throws Exception {
        assertThat(matches("title:judge")).isTrue();
        assertThat(matches("title:maryland")).isFalse();
        assertThat(matches("title:(court OR judge)")).isTrue();
        assertThat(matches("title:\"Abrego Garcia\"")).isTrue();
        assertThat(matches("title:(maryland OR appeal)")).isFalse();
        assertThat(matches("title:jud*")).isTrue();
        assertThat(matches("title:maryl*")).isFalse();
        assertThat(matches("title:(return NEAR/2 kilmar)")).isTrue();
        assertThat(matches("title:(judge NEAR/2 kilmar)")).isFalse();
    }

    @Test
    void outletField() throws Exception {
        assertThat(matches("outlet:\"The Guardian\"")).isTrue();
        assertThat(matches("outlet:guardian")).isTrue();
        assertThat(matches("outlet:reuters")).isFalse();
        assertThat(matches("guardian")).isFalse(); // bare terms search title and body only
    }

    @Test
    void entityFieldComparesWholeIds() throws Exception {
        assertThat(matches("entity:cecot")).isTrue();
        assertThat(matches("entity:abrego-garcia")).isTrue();
        assertThat(matches("entity:\"Ábrego García\"")).isTrue();
        assertThat(matches("entity:abrego")).isFalse();
        assertThat(matches("entity:abrego*")).isTrue();
        assertThat(matches("entity:(bukele OR cecot)")).isTrue();
    }

    @Test
    void categoryField() throws Exception {
        assertThat(matches("category:courts")).isTrue();
        assertThat(matches("category:Courts AND entity:cecot")).isTrue();
        assertThat(matches("category:tourism")).isFalse();
        assertThat(matches("cecot -category:courts")).isFalse();
    }

    @Test
    void explicitTextFieldIsTheDefault() throws Exception {
        assertThat(QueryParser.parse("text:judge")).isEqualTo(new Term("judge"));
    }

    @Test
    void documentFromArticleCarriesEntitiesCategoriesAndSummaryFallback() throws Exception {
        Article a = new Article("a1", "feed", "https://x", "Title", "Reuters", null, null, "Judges weigh appeal",
                null, null, "en", false, List.of(new EntityMention("cecot", "CECOT", 1, true, true, "")),
                List.of("courts"), null, null, null);
        Document d = Document.of(a);
        assertThat(QueryParser.parse("appeal AND entity:cecot AND category:courts AND outlet:reuters").matches(d))
                .isTrue();
    }

    @Test
    void oneTokenisationServesManyQueries() throws Exception {
        DocumentTokens tokens = DocumentTokens.of(DOC);
        assertThat(QueryParser.parse("judge").matches(tokens)).isTrue();
        assertThat(QueryParser.parse("entity:cecot").matches(tokens)).isTrue();
    }
}

package dev.mediawatch.enrich.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QueryIndexTest {

    private static Query q(String text) {
        try {
            return QueryParser.parse(text);
        } catch (QueryParseException e) {
            throw new AssertionError(text + ": " + e.getMessage(), e);
        }
    }

    private static Document doc(String text) {
        return new Document("", text, "", Set.of(), Set.of());
    }

    @Test
    void returnsMatchingKeysInInsertionOrder() {
        QueryIndex<String> index = new QueryIndex<String>()
                .add("b", q("judge AND court"))
                .add("a", q("cecot"))
                .add("c", q("tourism"));
        assertThat(index.match(doc("The judge at the court spoke of CECOT"))).containsExactly("b", "a");
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void addReplacesAndRemoveForgets() {
        QueryIndex<String> index = new QueryIndex<String>().add("s", q("cecot")).add("s", q("bukele"));
        assertThat(index.match(doc("cecot"))).isEmpty();
        assertThat(index.match(doc("bukele"))).containsExactly("s");
        index.remove("s").remove("unknown");
        assertThat(index.match(doc("bukele"))).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void andIsIndexedUnderItsMostSelectiveClauseOnly() {
        QueryIndex<String> index = new QueryIndex<String>().add("s", q("the AND deportation"));
        assertThat(index.match(doc("the court"))).isEmpty();
        assertThat(index.lastCandidateCount()).isZero();
        assertThat(index.match(doc("the deportation"))).containsExactly("s");
    }

    @Test
    void negativeAndLeadingWildcardQueriesAreAlwaysCandidates() {
        QueryIndex<String> index = new QueryIndex<String>().add("not", q("NOT tourism")).add("star", q("*ation"));
        assertThat(index.match(doc("deportation flights"))).containsExactly("not", "star");
        assertThat(index.match(doc("tourism"))).isEmpty();
        assertThat(index.lastCandidateCount()).isEqualTo(2);
    }

    @Test
    void wildcardsAreFoundByTheirPrefix() {
        QueryIndex<String> index = new QueryIndex<String>()
                .add("w", q("deport*")).add("e", q("entity:abrego*")).add("o", q("outlet:guard?an"));
        assertThat(index.match(doc("Deportations resumed"))).containsExactly("w");
        assertThat(index.match(new Document("", "", "The Guardian", Set.of("abrego-garcia"), Set.of())))
                .containsExactly("e", "o");
        index.remove("w");
        assertThat(index.match(doc("Deportations resumed"))).isEmpty();
    }

    @Test
    void aLongPrefixIsFoundPastTheShorterLengthsProbedBeforeIt() {
        // "dep" and "depor" are probed (lengths of "cou*" and "asylu*") on the way to "deport": they match
        // nothing, but lead on to a stored prefix, so the probing must go on
        QueryIndex<String> index = new QueryIndex<String>()
                .add("c", q("cou*")).add("a", q("asylu*")).add("w", q("deport*"));
        assertThat(index.match(doc("Deportations resumed"))).containsExactly("w");
        assertThat(index.match(doc("Courts and asylum"))).containsExactly("c", "a");
        assertThat(index.match(doc("Departures"))).isEmpty();
    }

    @Test
    void fieldsAreIndexedUnderTaggedKeys() {
        QueryIndex<String> index = new QueryIndex<String>().add("e", q("entity:cecot")).add("c", q("category:courts"));
        assertThat(index.match(doc("cecot courts"))).isEmpty();
        assertThat(index.lastCandidateCount()).isZero();
        assertThat(index.match(new Document("", "", "", Set.of("cecot"), Set.of("courts")))).containsExactly("e", "c");
    }

    @Test
    void aDocumentMatchingFewQueriesEvaluatesFewCandidates() {
        QueryIndex<Integer> index = new QueryIndex<>();
        for (int i = 0; i < 2000; i++) index.add(i, q("word" + i + " AND (court OR judge)"));
        assertThat(index.match(doc("A judge spoke of word7 and word42 and word1999"))).containsExactly(7, 42, 1999);
        assertThat(index.lastCandidateCount()).isEqualTo(3);
    }

    @Test
    void aCandidateLackingASecondRequiredWordIsNotEvaluated() {
        QueryIndex<String> index = new QueryIndex<String>()
                .add("near", q("deportation NEAR/3 salvador"))
                .add("phrase", q("\"alien enemies act\""))
                .add("and", q("bukele AND prison AND NOT tourism"));

        // Each document holds the words a query is posted under, but not all it requires.
        assertThat(index.match(doc("deportation flights resumed to Honduras"))).isEmpty();
        assertThat(index.match(doc("the enemies of the alien act"))).isEmpty();
        assertThat(index.match(doc("Bukele spoke about tourism"))).isEmpty();
        assertThat(index.lastCandidateCount()).isZero();

        assertThat(index.match(doc("Bukele visited the prison"))).containsExactly("and");
        assertThat(index.lastCandidateCount()).isEqualTo(1);
        assertThat(index.match(doc("invoking the Alien Enemies Act, deportation to El Salvador")))
                .containsExactly("near", "phrase");
    }

    @Test
    void eachBranchOfAnOrIsPostedWithItsOwnFilter() {
        QueryIndex<String> index = new QueryIndex<String>().add("or", q("(bukele prison) OR \"alien enemies\""));
        // A word of each branch, but neither branch whole: no evaluation.
        assertThat(index.match(doc("Bukele spoke of aliens and enemies"))).isEmpty();
        assertThat(index.lastCandidateCount()).isZero();
        assertThat(index.match(doc("Bukele toured the prison"))).containsExactly("or");
        assertThat(index.match(doc("the Alien Enemies Act"))).containsExactly("or");
        // Both branches pass their filters: the query is still evaluated once and returned once.
        assertThat(index.match(doc("Bukele, the prison and the alien enemies law"))).containsExactly("or");
        assertThat(index.lastCandidateCount()).isEqualTo(1);
        index.remove("or");
        assertThat(index.match(doc("Bukele toured the prison"))).isEmpty();
        assertThat(index.lastCandidateCount()).isZero();
    }

    @Test
    void aPrefixIsPostedWhenItsCategoryCanThenFilter() {
        // The category alone looks rarer, but a prefix cannot be a filter: posted under the category, the
        // query would be evaluated for every courts article; posted under the prefix, the category filters.
        QueryIndex<String> index = new QueryIndex<String>(key -> key.startsWith("category:") ? 0.05 : 0.07)
                .add("q", q("category:courts AND deport*"));
        assertThat(index.match(new Document("", "a ruling on asylum", "", Set.of(), Set.of("courts")))).isEmpty();
        assertThat(index.lastCandidateCount()).isZero();
        assertThat(index.match(new Document("", "deportation ruling", "", Set.of(), Set.of("courts"))))
                .containsExactly("q");
    }

    @Test
    void anOrWithAnUnboundBranchIsAlwaysACandidate() {
        QueryIndex<String> index = new QueryIndex<String>().add("s", q("cecot OR NOT tourism"));
        assertThat(index.match(doc("the weather"))).containsExactly("s");
        assertThat(index.match(doc("tourism"))).isEmpty();
        assertThat(index.lastCandidateCount()).isEqualTo(1);
    }

    @Test
    void titleQueriesAreCandidatesOnlyForTheirWordsInTheHeadline() {
        QueryIndex<String> index = new QueryIndex<String>().add("t", q("title:(judge OR court) deportation"));
        assertThat(index.match(new Document("Flights resume", "a judge and a court on deportation", "", Set.of(), Set.of())))
                .isEmpty();
        assertThat(index.lastCandidateCount()).isZero();
        assertThat(index.match(new Document("Judge halts flights", "deportation", "", Set.of(), Set.of())))
                .containsExactly("t");
        index.add("w", q("title:jud*"));
        assertThat(index.match(new Document("Judges halt flights", "", "", Set.of(), Set.of()))).containsExactly("w");
        assertThat(index.match(doc("judges halt flights"))).isEmpty();
    }

    @Test
    void matchesWhatEvaluatingEveryQueryMatchesAfterQueriesAreReplacedAndRemoved() {
        Random random = new Random(20251129);
        RandomQueries gen = new RandomQueries(random);
        Map<Integer, Query> queries = new LinkedHashMap<>();
        QueryIndex<Integer> index = new QueryIndex<>();
        for (int i = 0; i < 300; i++) {
            Query query = q(gen.query(3));
            queries.put(i, query);
            index.add(i, query);
        }
        for (int round = 0; round < 3; round++) {
            for (int i = round; i < 300; i += 3) {
                if (random.nextBoolean()) {
                    queries.remove(i);
                    index.remove(i);
                } else {
                    Query query = q(gen.query(3));
                    queries.put(i, query);
                    index.add(i, query);
                }
            }
            for (int d = 0; d < 60; d++) {
                Document doc = gen.document();
                DocumentTokens tokens = DocumentTokens.of(doc);
                List<Integer> expected = new ArrayList<>();
                queries.forEach((k, query) -> {
                    if (query.matches(tokens)) expected.add(k);
                });
                // The same keys (a replaced query is ordered by when it was last added, so order aside).
                assertThat(index.match(doc)).as("round %d, doc %s", round, doc).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    @Test
    void matchesExactlyWhatEvaluatingEveryQueryMatches() {
        Random random = new Random(20250316);
        RandomQueries gen = new RandomQueries(random);
        Map<Integer, Query> queries = new LinkedHashMap<>();
        QueryIndex<Integer> index = new QueryIndex<>();
        for (int i = 0; i < 500; i++) {
            Query query = q(gen.query(3));
            queries.put(i, query);
            index.add(i, query);
        }
        long candidates = 0, matches = 0;
        for (int d = 0; d < 200; d++) {
            Document doc = gen.document();
            DocumentTokens tokens = DocumentTokens.of(doc);
            List<Integer> expected = new ArrayList<>();
            queries.forEach((k, query) -> {
                if (query.matches(tokens)) expected.add(k);
            });
            assertThat(index.match(doc)).as("doc %s", doc).containsExactlyElementsOf(expected);
            candidates += index.lastCandidateCount();
            matches += expected.size();
        }
        assertThat(matches).as("the generator must produce matches to be a meaningful test").isGreaterThan(500);
        assertThat(candidates).isLessThan(200L * 500);
    }

    /** Random query strings over a small vocabulary, so that random documents match some of them. */
    static final class RandomQueries {
        static final List<String> WORDS = List.of("deportation", "deportee", "deported", "court", "courts", "judge",
                "cecot", "bukele", "trump", "garcia", "abrego", "salvador", "prison", "flight", "appeal", "ruling",
                "the", "of", "and", "migrants", "gang", "venezuelan", "tren", "aragua", "ms", "13");
        static final List<String> SURFACE = List.of("Deportation", "GARCÍA", "Ábrego", "Bukele's", "MS-13", "El Salvador");
        static final List<String> ENTITIES = List.of("cecot", "abrego-garcia", "bukele", "tren-de-aragua", "ice");
        static final List<String> CATEGORIES = List.of("courts", "deportations", "politics", "prisons");
        static final List<String> OUTLETS = List.of("The Guardian", "Reuters", "El Faro", "AP News");

        private final Random r;

        RandomQueries(Random r) {
            this.r = r;
        }

        String query(int depth) {
            int kind = depth == 0 ? r.nextInt(5) : r.nextInt(12);
            return switch (kind) {
                case 0, 1 -> word();
                case 2 -> "\"" + pick(WORDS) + " " + pick(WORDS) + "\"";
                case 3 -> wildcard();
                case 4 -> field();
                case 5 -> query(depth - 1) + " AND " + query(depth - 1);
                case 6 -> query(depth - 1) + " OR " + query(depth - 1);
                case 7 -> query(depth - 1) + " " + query(depth - 1);
                case 8 -> (r.nextBoolean() ? "NOT " : "-") + query(depth - 1);
                case 9 -> positional() + " NEAR/" + (1 + r.nextInt(4)) + " " + positional();
                default -> "(" + query(depth - 1) + ")";
            };
        }

        private String word() {
            return r.nextInt(5) == 0 ? pick(SURFACE) : pick(WORDS);
        }

        private String positional() {
            return switch (r.nextInt(3)) {
                case 0 -> word();
                case 1 -> wildcard();
                default -> "\"" + pick(WORDS) + " " + pick(WORDS) + "\"";
            };
        }

        private String wildcard() {
            String w = pick(WORDS);
            return switch (r.nextInt(4)) {
                case 0 -> w.substring(0, Math.min(w.length(), 1 + r.nextInt(4))) + "*";
                case 1 -> w.substring(0, w.length() - 1) + "?";
                case 2 -> "*" + w.substring(w.length() / 2);
                default -> w.charAt(0) + "?" + w.substring(Math.min(2, w.length())) + (r.nextBoolean() ? "*" : "");
            };
        }

        private String field() {
            return switch (r.nextInt(5)) {
                case 0 -> "entity:" + pick(ENTITIES);
                case 1 -> "category:" + pick(CATEGORIES);
                case 2 -> "outlet:\"" + pick(OUTLETS) + "\"";
                case 3 -> "title:(" + word() + " OR " + word() + ")";
                default -> "entity:" + pick(ENTITIES).substring(0, 2) + "*";
            };
        }

        Document document() {
            return new Document(words(3 + r.nextInt(6)), words(5 + r.nextInt(60)), pick(OUTLETS),
                    subset(ENTITIES), subset(CATEGORIES));
        }

        private String words(int n) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) sb.append(r.nextInt(6) == 0 ? pick(SURFACE) : pick(WORDS)).append(' ');
            return sb.toString();
        }

        private Set<String> subset(List<String> values) {
            Set<String> out = new HashSet<>();
            for (String v : values) if (r.nextInt(3) == 0) out.add(v);
            return out;
        }

        private String pick(List<String> values) {
            return values.get(r.nextInt(values.size()));
        }
    }
}

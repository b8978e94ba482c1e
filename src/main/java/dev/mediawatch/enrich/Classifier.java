package dev.mediawatch.enrich;

import dev.mediawatch.model.EntityMention;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Files an article under desk categories by weighted terms: every term of every category is looked
 * for in one pass (folded, whole words, as entity aliases are), a title hit weighs double, repeated
 * body hits count up to {@value #MAX_BODY_HITS} times so long articles do not win by length. The
 * entities found contribute too: terms in their names, and their type when known
 * ({@link #withEntityTypes}). A category is kept when its score reaches {@link #THRESHOLD}.
 *
 * <p>All rules live in {@link #DEFAULT_TERMS} and {@link #DEFAULT_TYPE_WEIGHTS}: plain maps, so
 * they can later be read from configuration. A term written in capitals ("ICE", "DHS") is an
 * acronym and matches only in capitals, so "ice" on a road does not count as immigration.
 */
public final class Classifier {

    public static final String OTHER = "other";
    static final double THRESHOLD = 3.0;
    static final int MAX_BODY_HITS = 3;
    static final int MAX_TITLE_HITS = 2;
    static final double TITLE_FACTOR = 2.0;

    /** category -> term -> weight. */
    static final Map<String, Map<String, Double>> DEFAULT_TERMS = terms(
            "immigration", "deportation=2|deportations=2|deport=2|deported=2|deportee=2|deportees=2|migrant=1.5"
                    + "|migrants=1.5|immigrant=1.5|immigrants=1.5|immigration=2|asylum=2|ICE=2|DHS=1.5"
                    + "|Homeland Security=1.5|undocumented=1.5|refugee=1.5|refugees=1.5|border=1|visa=1"
                    + "|removal=1|removals=1|Alien Enemies Act=2|Abrego Garcia=1",
            "courts", "judge=2|judges=1.5|court=2|courts=1.5|Supreme Court=3|ruling=2|ruled=2|rulings=1.5"
                    + "|lawsuit=2|lawsuits=2|habeas=3|injunction=2|appeals=1.5|appeal=1|contempt=1.5"
                    + "|attorney=1|attorneys=1|lawyer=1|lawyers=1|filing=1|Boasberg=2|Xinis=2|Alien Enemies Act=1",
            "foreign-relations", "State Department=3|Secretary of State=3|diplomatic=2|diplomacy=2|bilateral=2"
                    + "|Rubio=2|Bukele=1.5|embassy=2|ambassador=2|foreign minister=2|foreign policy=2|treaty=1.5"
                    + "|sanctions=1.5|El Salvador=1|Salvadoran government=2|Venezuela=1|Maduro=1.5",
            "human-rights", "human rights=3|torture=2.5|tortured=2.5|due process=2|detainees=2|detainee=1.5"
                    + "|Amnesty=2|Human Rights Watch=2|abuse=1.5|abuses=1.5|prison conditions=2|incommunicado=2"
                    + "|disappeared=1.5|enforced disappearance=2|overcrowding=1|CECOT=1.5",
            "crime", "gang=2|gangs=2|cartel=2|cartels=2|MS-13=3|Tren de Aragua=3|Mara Salvatrucha=3|homicide=2"
                    + "|homicides=2|murder=2|murders=1.5|drug trafficking=2|trafficking=1|criminal=1"
                    + "|criminals=1|terrorist=1|terrorists=1|violence=1",
            "politics", "Congress=2|senator=2|senators=2|Senate=2|election=2|elections=2|White House=2"
                    + "|administration=1|Trump=1|Democrats=2|Republicans=2|Democrat=1.5|Republican=1.5"
                    + "|lawmakers=2|campaign=1|governor=1.5|Van Hollen=1.5|vote=1");

    /** entity type -> category -> weight, added per entity mentioned (doubled when in the title). */
    static final Map<String, Map<String, Double>> DEFAULT_TYPE_WEIGHTS = Map.of(
            "law", Map.of("courts", 1.5),
            "facility", Map.of("human-rights", 1.0),
            "gang", Map.of("crime", 2.0),
            "agency", Map.of("immigration", 1.0),
            "place", Map.of("foreign-relations", 0.5));

    /** One term's contribution: category index and weight. */
    private record Weight(int category, double weight) {}

    private final Map<String, Map<String, Double>> terms;
    private final List<String> categories;
    private final List<List<Weight>> weightsByPhrase;
    private final PhraseScanner scanner;
    private final Map<String, Map<String, Double>> typeWeights;
    private final Map<String, String> typeById;

    private Classifier(Map<String, Map<String, Double>> terms, Map<String, Map<String, Double>> typeWeights,
                       Map<String, String> typeById) {
        this.terms = terms;
        this.categories = List.copyOf(terms.keySet());
        this.weightsByPhrase = new ArrayList<>();
        Map<String, Integer> phraseIndex = new LinkedHashMap<>();
        List<PhraseScanner.Phrase> phrases = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            for (Map.Entry<String, Double> t : terms.get(categories.get(c)).entrySet()) {
                int p = phraseIndex.computeIfAbsent(t.getKey(), k -> addPhrase(k, phrases));
                weightsByPhrase.get(p).add(new Weight(c, t.getValue()));
            }
        }
        this.scanner = new PhraseScanner(phrases);
        this.typeWeights = typeWeights;
        this.typeById = typeById;
    }

    private int addPhrase(String term, List<PhraseScanner.Phrase> phrases) {
        phrases.add(new PhraseScanner.Phrase(term, isAcronym(term)));
        weightsByPhrase.add(new ArrayList<>());
        return phrases.size() - 1;
    }

    /** Written in capitals with at least two letters: "ICE", "MS-13". */
    private static boolean isAcronym(String term) {
        long letters = term.chars().filter(Character::isLetter).count();
        return letters >= 2 && term.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
    }

    public static Classifier defaults() {
        return new Classifier(DEFAULT_TERMS, DEFAULT_TYPE_WEIGHTS, Map.of());
    }

    /**
     * A classifier with these term rules (category -> term -> weight) instead of the built-in ones; a
     * term in capitals matches only in capitals. Entity types keep weighing in as before.
     */
    public Classifier withTerms(Map<String, Map<String, Double>> rules) {
        Objects.requireNonNull(rules, "rules");
        if (rules.isEmpty()) throw new IllegalArgumentException("rules: at least one category is needed");
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        rules.forEach((category, terms) -> copy.put(category, Map.copyOf(terms)));
        return new Classifier(Collections.unmodifiableMap(copy), typeWeights, typeById);
    }

    /**
     * A classifier that also weighs the type of each entity found ("law" leans to courts).
     * {@link EntityMention} carries no type, so the caller passes the watchlist's id -> type.
     */
    public Classifier withEntityTypes(Map<String, String> typeByEntityId) {
        Objects.requireNonNull(typeByEntityId, "typeByEntityId");
        return new Classifier(terms, typeWeights, Map.copyOf(typeByEntityId));
    }

    /** Every category this classifier can return, {@value #OTHER} last: the label values of coverage metrics. */
    public List<String> categories() {
        List<String> all = new ArrayList<>(categories);
        all.add(OTHER);
        return List.copyOf(all);
    }

    /** Category names, best first, at least one ("other" when nothing scores). */
    public List<String> classify(String title, String text, List<EntityMention> entities) {
        return ranked(rawScores(new ArticleText(title, text), entities));
    }

    /**
     * The categories kept (score at or above the threshold) with their scores, best first; empty
     * when nothing scores, which {@link #classify} reports as "other".
     */
    public Map<String, Double> scores(String title, String text, List<EntityMention> entities) {
        return scores(new ArticleText(title, text), entities);
    }

    /** {@link #scores(String, String, List)} on text the entity matcher may have folded already. */
    public Map<String, Double> scores(ArticleText article, List<EntityMention> entities) {
        double[] scores = rawScores(article, entities);
        Map<String, Double> kept = new LinkedHashMap<>();
        for (String c : ranked(scores)) {
            int i = categories.indexOf(c);
            if (i >= 0) kept.put(c, Math.round(scores[i] * 100) / 100.0);
        }
        return kept;
    }

    private double[] rawScores(ArticleText article, List<EntityMention> entities) {
        double[] scores = new double[categories.size()];
        if (!article.title().isEmpty()) {
            addTermScores(article.title(), article.foldedTitle(), TITLE_FACTOR, MAX_TITLE_HITS, scores);
        }
        if (!article.text().isEmpty()) addTermScores(article.text(), article.foldedText(), 1.0, MAX_BODY_HITS, scores);
        if (entities != null) entities.forEach(e -> addEntityScores(e, scores));
        return scores;
    }

    private void addTermScores(String s, TextNormalizer.Normalized folded, double factor, int maxHits,
                               double[] scores) {
        int[] hits = new int[weightsByPhrase.size()];
        for (PhraseScanner.Hit h : scanner.scan(s, folded)) hits[h.phrase()]++;
        for (int p = 0; p < hits.length; p++) {
            if (hits[p] > 0) addWeights(p, factor * Math.min(hits[p], maxHits), scores);
        }
    }

    private void addEntityScores(EntityMention mention, double[] scores) {
        double factor = mention.inTitle() ? TITLE_FACTOR : 1.0;
        String name = mention.name();
        for (PhraseScanner.Hit h : scanner.scan(name, TextNormalizer.normalize(name))) addWeights(h.phrase(), factor, scores);
        String type = typeById.get(mention.id());
        typeWeights.getOrDefault(type == null ? "" : type, Map.of()).forEach((category, weight) -> {
            int c = categories.indexOf(category);
            if (c >= 0) scores[c] += weight * factor;
        });
    }

    private void addWeights(int phrase, double factor, double[] scores) {
        for (Weight w : weightsByPhrase.get(phrase)) scores[w.category()] += w.weight() * factor;
    }

    private List<String> ranked(double[] scores) {
        List<Integer> kept = new ArrayList<>();
        for (int c = 0; c < scores.length; c++) if (scores[c] >= THRESHOLD) kept.add(c);
        if (kept.isEmpty()) return List.of(OTHER);
        kept.sort(Comparator.comparingDouble((Integer c) -> -scores[c]).thenComparing(categories::get));
        return kept.stream().map(categories::get).toList();
    }

    /** Parses "category", "term=weight|term=weight", ... pairs, keeping their order. */
    private static Map<String, Map<String, Double>> terms(String... categoryThenTerms) {
        Map<String, Map<String, Double>> rules = new LinkedHashMap<>();
        for (int i = 0; i < categoryThenTerms.length; i += 2) {
            Map<String, Double> terms = new TreeMap<>();
            for (String pair : categoryThenTerms[i + 1].split("\\|")) {
                int eq = pair.lastIndexOf('=');
                terms.put(pair.substring(0, eq), Double.parseDouble(pair.substring(eq + 1)));
            }
            rules.put(categoryThenTerms[i], Map.copyOf(terms));
        }
        return Collections.unmodifiableMap(rules);
    }
}

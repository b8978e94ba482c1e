package dev.mediawatch.bench;

import dev.mediawatch.model.Entity;
import dev.mediawatch.model.RawArticle;
import dev.mediawatch.model.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Synthetic news for the benchmark: a watchlist of entities with aliases, boolean-query and entity
 * subscriptions over the same vocabulary, and articles of 600-900 words of news-like text (common
 * English news words plus a long Zipf tail of rarer words) with watchlist names sprinkled in at
 * roughly the rate of real coverage: a few entities per article, each named one to three times.
 *
 * <p>Every article names at least one entity that an entity subscription follows, so every article
 * raises at least one alert: the benchmark counts an article as through the pipeline when its first
 * alert arrives. Each article's text is distinct, so each is its own story (no once-per-story
 * suppression hides it).
 */
public final class SyntheticNews {
    /** Common words of news copy, most frequent first (the Zipf draw favours the head). */
    private static final String[] COMMON = ("the of to and a in that said for on is was with he it as at by "
            + "his from be have has are but not an they were who had this their will been would after its "
            + "also which more year two over government than new about people one last police into officials "
            + "state other court president told we percent could minister three when country there law first "
            + "public week against under day while before since federal some national security attorney report "
            + "election city where during group judge decision order case prison members children between "
            + "million former agency statement including according officials house department foreign "
            + "policy health party leader months made workers news may administration economic program "
            + "world support several plan any called issue vote military power council campaign trade "
            + "hearing appeal deported migrants border immigration detention lawyers ruling rights human "
            + "office director funding budget senate congress committee investigation charges officers "
            + "company market prices energy climate water school students hospital community residents "
            + "protest talks agreement sanctions minister parliament opposition coalition spokesperson "
            + "region province capital troops ceasefire negotiations evidence witnesses testimony jury "
            + "sentence released arrested accused alleged confirmed announced warned said added noted "
            + "data figures survey analysts growth inflation rates jobs tax bill measure proposal review "
            + "families victims authorities emergency response relief aid flights airport transfer "
            + "facility conditions access request documents records filed motion lawsuit challenge").split(" ");
    private static final String[] SYLLABLES = {"ra", "mo", "ve", "li", "san", "to", "gar", "cia", "del", "na",
        "bu", "ke", "ro", "mi", "te", "va", "lo", "qui", "ne", "per", "dal", "sor", "tin", "bre", "ham"};
    private static final String[] TYPES = {"person", "organization", "place", "facility", "law"};
    private static final int TAIL_WORDS = 3_000;

    private final String[] vocabulary;
    private final double[] cumulative;
    private final List<Entity> entities;
    private final long seed;

    /**
     * @param entityCount watchlist size (each entity has a two-word name and one or two aliases)
     * @param seed        fixed seed: the same arguments give the same watchlist, queries and articles
     */
    public SyntheticNews(int entityCount, long seed) {
        if (entityCount < 1) throw new IllegalArgumentException("entityCount must be at least 1: " + entityCount);
        this.seed = seed;
        Random random = new Random(seed);
        List<String> words = new ArrayList<>(List.of(COMMON));
        for (int i = 0; i < TAIL_WORDS; i++) words.add(word(random, 2 + random.nextInt(3)));
        this.vocabulary = words.toArray(String[]::new);
        this.cumulative = zipf(vocabulary.length);
        this.entities = entities(entityCount, random);
    }

    public List<Entity> entities() {
        return entities;
    }

    /** Entity subscriptions, each following {@code perSubscription} entities, together covering them all. */
    public List<Subscription> entitySubscriptions(int perSubscription) {
        List<Subscription> subs = new ArrayList<>();
        for (int from = 0; from < entities.size(); from += perSubscription) {
            List<String> ids = entities.subList(from, Math.min(entities.size(), from + perSubscription)).stream()
                    .map(Entity::id).toList();
            subs.add(new Subscription(String.format(Locale.ROOT, "entity-desk-%04d", subs.size()), ids, null, List.of()));
        }
        return subs;
    }

    /** Boolean-query subscriptions over the vocabulary and the watchlist: phrases, AND/OR/NOT, NEAR, wildcards, fields. */
    public List<Subscription> querySubscriptions(int count) {
        Random random = new Random(seed + 1);
        List<Subscription> subs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            subs.add(new Subscription(String.format(Locale.ROOT, "query-desk-%05d", i), List.of(), query(random, i),
                    List.of()));
        }
        return subs;
    }

    private String query(Random r, int i) {
        String a = midWord(r);
        String b = midWord(r);
        String c = midWord(r);
        String d = midWord(r);
        return switch (i % 6) {
            case 0 -> "\"" + a + " " + b + "\" OR (" + c + " AND " + d + ")";
            case 1 -> a + " AND " + b + " NOT " + c;
            case 2 -> "title:" + a + " OR (" + b + " NEAR/5 " + c + ")";
            case 3 -> "entity:" + entities.get(r.nextInt(entities.size())).id() + " AND (" + a + " OR " + b + ")";
            case 4 -> a.substring(0, Math.min(a.length(), 4)) + "* AND " + b + " AND " + c;
            default -> "(" + a + " OR " + b + ") AND (" + c + " OR " + d + ") AND NOT category:crime";
        };
    }

    /**
     * A word from the tail of the distribution (ranks 1,000 to 3,000, each in about 2 to 6% of articles),
     * so that a query selects like a desk's: about 0.2% of articles match a given query, and an article
     * raises a handful of alerts (its entities' and a few queries'). Words from ranks 260 to 660, used
     * before, made every article match about 5% of all queries: 50 alerts per article.
     */
    private String midWord(Random r) {
        return vocabulary[1_000 + r.nextInt(2_000)];
    }

    /**
     * Article number {@code n} of a run: 600-900 words in sentences and paragraphs, with two to five
     * entities named one to three times each. {@code runTag} keeps ids of different runs apart.
     */
    public RawArticle article(String runTag, long n, Instant now) {
        SplittableRandom r = new SplittableRandom(seed * 31 + n * 7919 + runTag.hashCode());
        int words = 600 + r.nextInt(301);
        List<String> names = new ArrayList<>();
        int distinct = 2 + r.nextInt(4);
        for (int i = 0; i < distinct; i++) {
            Entity e = entities.get(r.nextInt(entities.size()));
            int times = 1 + r.nextInt(3);
            for (int t = 0; t < times; t++) {
                names.add(t == 0 || e.aliases().isEmpty() ? e.name() : e.aliases().get(r.nextInt(e.aliases().size())));
            }
        }
        String title = capitalise(sentence(r, 6 + r.nextInt(6), List.of(names.get(0))));
        StringBuilder text = new StringBuilder(words * 7);
        int written = 0;
        int sentences = 0;
        int nameAt = 0;
        while (written < words) {
            int len = 12 + r.nextInt(18);
            List<String> inSentence = List.of();
            // Spread the names over the article rather than bunching them at the start.
            if (nameAt < names.size() && r.nextInt(Math.max(1, words / 20 / names.size())) == 0) {
                inSentence = List.of(names.get(nameAt++));
            }
            text.append(capitalise(sentence(r, len, inSentence)));
            written += len;
            text.append(++sentences % 5 == 0 ? "\n\n" : " ");
        }
        while (nameAt < names.size()) text.append(names.get(nameAt++)).append(" said in a statement. ");
        String id = String.format(Locale.ROOT, "%s-%010d", runTag, n);
        String url = "https://news.bench.invalid/" + runTag + "/" + n;
        String outlet = "Bench Outlet " + (n % 20);
        return new RawArticle(id, "bench-feed-" + (n % 50), url, title, outlet, now, now, null, text.toString(),
                null, "en", false);
    }

    private String sentence(SplittableRandom r, int len, List<String> names) {
        StringBuilder s = new StringBuilder(len * 7);
        int nameSlot = names.isEmpty() ? -1 : r.nextInt(len);
        for (int i = 0; i < len; i++) {
            if (i > 0) s.append(i % 9 == 8 ? ", " : " ");
            s.append(i == nameSlot ? names.get(0) : vocabulary[draw(r.nextDouble())]);
        }
        return s.append('.').toString();
    }

    private int draw(double u) {
        int i = java.util.Arrays.binarySearch(cumulative, u);
        return Math.min(vocabulary.length - 1, i >= 0 ? i : -i - 1);
    }

    private static double[] zipf(int n) {
        double[] c = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) c[i] = sum += 1.0 / Math.pow(i + 1, 1.0);
        for (int i = 0; i < n; i++) c[i] /= sum;
        return c;
    }

    private static List<Entity> entities(int count, Random r) {
        List<Entity> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String first = capitalise(word(r, 2 + r.nextInt(2)));
            String last = capitalise(word(r, 3 + r.nextInt(2)));
            List<String> aliases = new ArrayList<>();
            aliases.add(last + " " + capitalise(word(r, 2)));
            if (r.nextBoolean()) aliases.add(first.charAt(0) + ". " + last);
            list.add(new Entity(String.format(Locale.ROOT, "bench-entity-%04d", i), first + " " + last,
                    TYPES[i % TYPES.length], aliases, List.of(), List.of(), List.of(), null));
        }
        return List.copyOf(list);
    }

    private static String word(Random r, int syllables) {
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < syllables; i++) w.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        return w.toString();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}

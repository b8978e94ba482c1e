package dev.mediawatch.enrich;

import dev.mediawatch.model.Entity;
import dev.mediawatch.model.EntityMention;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Finds watched entities in an article in one pass over its folded title and text, whatever the
 * size of the watchlist: every alias, context term and exclusion of every entity goes into one
 * {@link PhraseScanner}. Immutable and thread-safe; build a new one when the watchlist changes.
 *
 * <p>Rules: whole words only; longest match wins where aliases overlap ("Kilmar Abrego Garcia"
 * counts once); case-sensitive aliases only where the original has that case; an entity with
 * context terms counts only if one occurs in title or text; an exclusion overlapping a match
 * cancels it. The lead is the first paragraph, at least 300 and at most 600 chars (see
 * {@link Snippets#leadEnd}).
 */
public final class EntityMatcher {

    private enum Kind { ALIAS, CONTEXT, EXCLUSION }

    /** What a phrase in the scanner stands for. */
    private record Term(int entity, Kind kind) {}

    private final List<Entity> entities;
    private final List<Term> terms;
    private final PhraseScanner scanner;
    private final BitSet needsContext;
    private final int aliasCount;

    private EntityMatcher(List<Entity> entities, List<Term> terms, PhraseScanner scanner, int aliasCount) {
        this.entities = entities;
        this.terms = terms;
        this.scanner = scanner;
        this.aliasCount = aliasCount;
        this.needsContext = new BitSet(entities.size());
        for (int e = 0; e < entities.size(); e++) needsContext.set(e, !entities.get(e).context().isEmpty());
    }

    public static EntityMatcher of(Collection<Entity> entities) {
        Objects.requireNonNull(entities, "entities");
        List<Entity> list = List.copyOf(entities);
        List<Term> terms = new ArrayList<>();
        List<PhraseScanner.Phrase> phrases = new ArrayList<>();
        int aliases = 0;
        for (int e = 0; e < list.size(); e++) {
            Entity entity = list.get(e);
            aliases += addAliases(entity, e, terms, phrases);
            for (String c : entity.context()) add(c, false, new Term(e, Kind.CONTEXT), terms, phrases);
            for (String x : entity.exclusions()) add(x, false, new Term(e, Kind.EXCLUSION), terms, phrases);
        }
        return new EntityMatcher(list, terms, new PhraseScanner(phrases), aliases);
    }

    /** Adds name, aliases and case-sensitive aliases, once per distinct form; returns how many. */
    private static int addAliases(Entity entity, int e, List<Term> terms, List<PhraseScanner.Phrase> phrases) {
        Set<String> seen = new HashSet<>();
        Term alias = new Term(e, Kind.ALIAS);
        for (String cs : entity.caseSensitiveAliases()) {
            if (seen.add("cs:" + TextNormalizer.foldKeepCase(cs))) add(cs, true, alias, terms, phrases);
        }
        // a name that is also listed as case-sensitive ("ICE") must not match "ice" through the name
        List<String> names = new ArrayList<>();
        if (!entity.caseSensitiveAliases().contains(entity.name())) names.add(entity.name());
        names.addAll(entity.aliases());
        for (String name : names) {
            if (seen.add(TextNormalizer.fold(name))) add(name, false, alias, terms, phrases);
        }
        seen.remove("");
        return seen.size();
    }

    private static void add(String text, boolean caseSensitive, Term term, List<Term> terms,
                            List<PhraseScanner.Phrase> phrases) {
        if (text == null || TextNormalizer.fold(text).isEmpty()) return;
        terms.add(term);
        phrases.add(new PhraseScanner.Phrase(text, caseSensitive));
    }

    /** Distinct aliases (name, aliases, case-sensitive aliases) over all entities, before print variants. */
    public int aliasCount() {
        return aliasCount;
    }

    /** Entities found in the article, in order of first occurrence; empty list when none. */
    public List<EntityMention> match(String title, String text) {
        return match(new ArticleText(title, text));
    }

    /** {@link #match(String, String)} on text whose folded forms the classifier can use too. */
    public List<EntityMention> match(ArticleText article) {
        Source head = new Source(article.title(), article.foldedTitle());
        Source body = new Source(article.text(), article.foldedText());
        BitSet contextFound = new BitSet(entities.size());
        List<Hit> titleHits = aliasHits(head, contextFound);
        List<Hit> bodyHits = aliasHits(body, contextFound);
        Map<Integer, Tally> tallies = new LinkedHashMap<>();
        tally(resolve(titleHits, contextFound), head, true, tallies);
        tally(resolve(bodyHits, contextFound), body, false, tallies);
        List<EntityMention> mentions = new ArrayList<>(tallies.size());
        tallies.forEach((e, t) -> mentions.add(t.toMention(entities.get(e), head, body)));
        return mentions;
    }

    /** One side of the article (title or text), original and folded. */
    private static final class Source {
        final String original;
        final TextNormalizer.Normalized folded;
        private int leadEnd = -1;

        Source(String original, TextNormalizer.Normalized folded) {
            this.original = original;
            this.folded = folded;
        }

        int originalStart(Hit h) {
            return folded.originalIndex()[h.start];
        }

        int originalEnd(Hit h) {
            return folded.originalEnd(original, h.end);
        }

        int leadEnd() {
            if (leadEnd < 0) leadEnd = Snippets.leadEnd(original);
            return leadEnd;
        }
    }

    /** An alias occurrence of entity {@code entity} at folded [start, end). */
    private record Hit(int entity, int start, int end) {
        boolean overlaps(int s, int e) {
            return start < e && s < end;
        }
    }

    /** Alias hits not cancelled by an exclusion; records context terms seen on the way. */
    private List<Hit> aliasHits(Source source, BitSet contextFound) {
        List<Hit> aliases = new ArrayList<>();
        List<Hit> exclusions = new ArrayList<>();
        for (PhraseScanner.Hit h : scanner.scan(source.original, source.folded)) {
            Term term = terms.get(h.phrase());
            Hit hit = new Hit(term.entity(), h.start(), h.end());
            switch (term.kind()) {
                case ALIAS -> aliases.add(hit);
                case CONTEXT -> contextFound.set(term.entity());
                case EXCLUSION -> exclusions.add(hit);
            }
        }
        if (!exclusions.isEmpty()) aliases.removeIf(a -> isExcluded(a, exclusions));
        return aliases;
    }

    private static boolean isExcluded(Hit alias, List<Hit> exclusions) {
        for (Hit x : exclusions) {
            if (x.entity() == alias.entity() && x.overlaps(alias.start(), alias.end())) return true;
        }
        return false;
    }

    /**
     * Keeps the leftmost-longest hits that do not overlap, dropping entities whose context is missing.
     * Two entities sharing the very same span both keep it: the text names both equally.
     */
    private List<Hit> resolve(List<Hit> hits, BitSet contextFound) {
        List<Hit> candidates = new ArrayList<>(hits.size());
        for (Hit h : hits) {
            if (!needsContext.get(h.entity()) || contextFound.get(h.entity())) candidates.add(h);
        }
        candidates.sort(Comparator.comparingInt(Hit::start).thenComparingInt(h -> -h.end()));
        List<Hit> kept = new ArrayList<>();
        Hit last = null;
        for (Hit h : candidates) {
            boolean sameSpan = last != null && h.start() == last.start() && h.end() == last.end();
            if (last == null || h.start() >= last.end() || sameSpan && !containsSpan(kept, h)) {
                kept.add(h);
                last = h;
            }
        }
        return kept;
    }

    private static boolean containsSpan(List<Hit> kept, Hit h) {
        for (int i = kept.size() - 1; i >= 0 && kept.get(i).start() == h.start(); i--) {
            if (kept.get(i).equals(h)) return true;
        }
        return false;
    }

    private static void tally(List<Hit> hits, Source source, boolean isTitle, Map<Integer, Tally> tallies) {
        for (Hit h : hits) {
            Tally t = tallies.computeIfAbsent(h.entity(), e -> new Tally());
            t.count++;
            if (isTitle) {
                t.inTitle = true;
            } else {
                int start = source.originalStart(h);
                if (start < source.leadEnd()) t.inLead = true;
                if (t.firstBody == null) t.firstBody = new int[] {start, source.originalEnd(h)};
            }
        }
    }

    /** Running counts for one entity in one article. */
    private static final class Tally {
        int count;
        boolean inTitle;
        boolean inLead;
        int[] firstBody;

        EntityMention toMention(Entity entity, Source head, Source body) {
            String snippet = firstBody != null
                    ? Snippets.sentenceAround(body.original, firstBody[0], firstBody[1])
                    : Snippets.shorten(head.original);
            // The words as written, whitespace collapsed as in the snippet, so a sink can find them there.
            String mention = firstBody == null ? entity.name()
                    : body.original.substring(firstBody[0], firstBody[1]).replaceAll("[\\s\\u00A0]+", " ");
            return new EntityMention(entity.id(), entity.name(), count, inTitle, inLead, snippet, mention);
        }
    }
}

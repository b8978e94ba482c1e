package dev.mediawatch.enrich;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Guesses an article's language from its most common function words, for pages that do not say
 * (or say wrongly). Covers the languages of the outlets news desks follow most: English, Spanish,
 * Portuguese, French and German. Returns null when the text is too short or nothing stands out.
 */
public final class LanguageGuesser {
    private static final Map<String, Set<String>> STOPWORDS = Map.of(
            "en", Set.of("the", "and", "of", "to", "in", "is", "that", "for", "was", "with", "he", "on", "said",
                    "it", "by", "his", "as", "at", "from", "have", "has", "were", "they", "this", "be"),
            "es", Set.of("el", "la", "de", "que", "y", "en", "los", "las", "del", "se", "por", "un", "una",
                    "con", "para", "es", "su", "al", "lo", "como", "más", "pero", "fue", "este", "sus"),
            "pt", Set.of("o", "a", "de", "que", "e", "do", "da", "em", "um", "para", "com", "não", "uma", "os",
                    "no", "se", "na", "por", "mais", "as", "dos", "como", "mas", "ao", "das"),
            "fr", Set.of("le", "la", "de", "et", "les", "des", "en", "un", "une", "du", "que", "est", "pour",
                    "qui", "dans", "par", "sur", "au", "pas", "plus", "ce", "il", "avec", "ont", "été"),
            "de", Set.of("der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf",
                    "für", "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "wurde", "sie"));
    private static final int MIN_WORDS = 12;

    private LanguageGuesser() {
    }

    public static String guess(String text) {
        if (text == null || text.isBlank()) return null;
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
        if (words.length < MIN_WORDS) return null;
        String best = null;
        int bestHits = 0;
        int second = 0;
        for (var lang : STOPWORDS.entrySet()) {
            int hits = 0;
            for (String w : words) if (lang.getValue().contains(w)) hits++;
            if (hits > bestHits) {
                second = bestHits;
                bestHits = hits;
                best = lang.getKey();
            } else if (hits > second) {
                second = hits;
            }
        }
        // Too few function words, or a near tie: better to say nothing than to guess.
        return bestHits >= 3 && bestHits > second * 1.3 ? best : null;
    }

    /** "en-US", "EN", "en_gb" become "en"; null stays null. */
    public static String normalize(String tag) {
        if (tag == null || tag.isBlank()) return null;
        String primary = tag.strip().split("[-_]")[0].toLowerCase(Locale.ROOT);
        return primary.matches("[a-z]{2,3}") ? primary : null;
    }
}

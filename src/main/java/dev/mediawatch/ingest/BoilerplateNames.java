package dev.mediawatch.ingest;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * Reads what a page's class names, ids and a few attributes say about an element: boilerplate (share bars, ads,
 * related links, comments...) or article content. Names are split into words first ({@code relatedLinks},
 * {@code related-links} and {@code related_links} all give "related"), so "ad" matches {@code ad-slot} but not
 * {@code header} or {@code shadow}.
 */
final class BoilerplateNames {

    /** Words that mark an element as not being article text. English, Spanish and Portuguese CMS vocabulary. */
    private static final Set<String> NEGATIVE_WORDS = Set.of(
            "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit", "adspot",
            "gpt", "dfp", "sponsor", "sponsored", "promo", "promos", "promoted", "outbrain", "taboola", "connatix",
            "related", "relacionadas", "relacionados", "relacionada", "recommended", "recommendations", "recommend",
            "recirc", "recirculation", "trending", "popular", "mostread", "mostpopular",
            "comment", "comments", "commentlist", "comentarios", "comentario", "disqus", "respond", "responses",
            "share", "sharing", "sharebar", "sharedaddy", "social", "compartir", "redes",
            "newsletter", "newsletters", "signup", "subscribe", "subscription", "suscripcion", "suscribete", "boletin",
            "enews", "paywall", "regwall", "piano", "offer", "gate",
            "cookie", "cookies", "consent", "gdpr", "onetrust", "cmp",
            "banner", "modal", "popup", "overlay", "dialog", "alert",
            "sidebar", "rail", "widget", "widgets", "breadcrumb", "breadcrumbs", "crumbs", "crumb", "migas",
            "tags", "taglist", "keywords", "topics", "etiquetas", "labels", "categories",
            "byline", "bio", "biography", "caption", "captions", "credit", "credits", "pullquote", "pie",
            "twitter", "tweet", "instagram", "tiktok", "facebook", "fb", "embed",
            "footer", "masthead", "navbar", "menu", "toolbar", "skip", "print", "pagination", "pager",
            "donate", "donation", "feedback", "toc", "meta", "dateline", "timestamp", "publicidad", "jump",
            "login", "signin", "register", "kicker", "hide", "hidden", "noprint", "contact", "cta", "epic",
            "utility", "affiliate", "shopping", "nav", "navigation", "sidenav", "submeta", "speechify", "typo", "video", "player", "audio",
            "more", "next", "prev", "previous", "author", "avatar", "profile", "inline", "links", "interstitial");

    /** Phrases spread over several words that mark boilerplate. */
    private static final Pattern NEGATIVE_PHRASE = Pattern.compile("most read|most viewed|read more|read next|"
            + "more stories|more from|more on|more reading|you may|also read|lee tambien|leia tambem|te puede|"
            + "mas leido|mas leidas|lo mas|sign in gate|screen reader|sr only|visually hidden|about the author|"
            + "up next|see also|further reading|other stories|post navigation|story continues|key events|"
            + "wp caption|media contact|call to action|take action|product card|photo credit|image credit|ad slot|ad container");

    /** Words that mark an element as the article's text. */
    private static final Set<String> POSITIVE_WORDS = Set.of("article", "articlebody", "body", "content", "entry",
            "main", "post", "text", "blog", "story", "storybody", "prose", "markup", "hentry", "cuerpo", "contenido",
            "nota", "articulo", "texto", "materia", "conteudo", "richtext", "paragraph", "opinion", "plaintext");

    private static final Pattern CAMEL = Pattern.compile("([a-z0-9])([A-Z])");
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

    private BoilerplateNames() {
    }

    /** The words of an element's class, id and test/component attributes, lower case, space separated. */
    static String words(Element e) {
        String raw = e.className() + " " + e.id() + " " + e.attr("data-component") + " " + e.attr("data-testid")
                + " " + e.attr("data-qa") + " " + e.attr("data-gu-name") + " " + e.attr("aria-label");
        if (raw.isBlank()) return "";
        String split = CAMEL.matcher(raw).replaceAll("$1 $2").toLowerCase(Locale.ROOT);
        // accents in Spanish and Portuguese class names rarely occur, but folding keeps "boletín" = "boletin"
        split = java.text.Normalizer.normalize(split, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return NON_WORD.matcher(split).replaceAll(" ").trim();
    }

    static boolean isNegative(String words) {
        if (words.isEmpty()) return false;
        for (String w : words.split(" ")) {
            if (NEGATIVE_WORDS.contains(w)) return true;
        }
        return NEGATIVE_PHRASE.matcher(words).find();
    }

    static boolean isPositive(String words) {
        if (words.isEmpty()) return false;
        for (String w : words.split(" ")) {
            if (POSITIVE_WORDS.contains(w)) return true;
        }
        return words.contains("article body") || words.contains("story body") || words.contains("rich text");
    }

    /** The Readability class weight: -25 for boilerplate names, +25 for content names. */
    static double weight(Element e) {
        String words = words(e);
        double w = 0;
        if (isNegative(words)) w -= 25;
        if (isPositive(words)) w += 25;
        return w;
    }
}

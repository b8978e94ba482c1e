package dev.mediawatch.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Finds the main text of a page: strips boilerplate, scores the containers of paragraphs by how much unlinked prose
 * they hold (the Readability idea), and returns the best container's blocks separated by blank lines.
 */
final class MainText {

    private static final String ALWAYS_BOILERPLATE = "script, style, noscript, template, nav, header, footer, aside, "
            + "form, iframe, svg, button, select, figcaption, [hidden], [aria-hidden=true], "
            + "[role=navigation], [role=banner], [role=contentinfo], [role=complementary]";
    private static final Pattern BOILERPLATE_NAME = Pattern.compile("(?i)comment|related|most-?read|most-?popular|"
            + "popular|newsletter|signup|sign-up|share|sharing|social|promo|recommend|sidebar|breadcrumb|outbrain|"
            + "taboola|paywall|advert|\\bads?\\b|cookie|consent|more-stories|read-?more|read-?next|tags|subscribe");
    private static final String PROTECTED = "article, main, [itemprop=articleBody]";
    private static final String BLOCKS = "p, h2, h3, h4, blockquote:not(:has(p)), pre, li:not(:has(p))";
    private static final int MIN_PARAGRAPH = 25;

    private MainText() {
    }

    /** Extracts the text; modifies {@code doc}, so read metadata first. */
    static String extract(Document doc) {
        removeBoilerplate(doc);
        Element best = bestContainer(doc);
        StringJoiner text = new StringJoiner("\n\n");
        for (Element block : best.select(BLOCKS)) {
            String t = block.text().trim();
            if (!t.isEmpty() && linkDensity(block) <= 0.5) text.add(t);
        }
        return text.toString();
    }

    private static void removeBoilerplate(Document doc) {
        doc.select(ALWAYS_BOILERPLATE).remove();
        for (Element e : doc.body().select("[class], [id]")) {
            String names = e.className() + " " + e.id();
            if (BOILERPLATE_NAME.matcher(names).find() && !isProtected(e)) e.remove();
        }
    }

    /** Never drop the article itself, or a wrapper around it whose class merely mentions a sidebar. */
    private static boolean isProtected(Element e) {
        return e.is(PROTECTED) || e.is("html, body") || !e.select(PROTECTED).isEmpty() || e.parent() == null;
    }

    private static Element bestContainer(Document doc) {
        Map<Element, Double> scores = new HashMap<>();
        for (Element candidate : doc.body().select(PROTECTED)) scores.merge(candidate, 10.0, Double::sum);
        for (Element p : doc.body().select("p")) {
            String text = p.text();
            if (text.length() < MIN_PARAGRAPH) continue;
            double score = 1 + text.split(",").length + Math.min(text.length() / 100.0, 3);
            Element parent = p.parent();
            if (parent == null) continue;
            scores.merge(parent, score, Double::sum);
            if (parent.parent() != null) scores.merge(parent.parent(), score / 2, Double::sum);
        }
        Element best = doc.body();
        double bestScore = 0;
        for (Map.Entry<Element, Double> e : scores.entrySet()) {
            double s = e.getValue() * (1 - linkDensity(e.getKey()));
            if (s > bestScore) {
                best = e.getKey();
                bestScore = s;
            }
        }
        return best;
    }

    private static double linkDensity(Element e) {
        int total = e.text().length();
        if (total == 0) return 0;
        Elements links = e.select("a");
        int linked = 0;
        for (Element a : links) linked += a.text().length();
        return Math.min(1.0, (double) linked / total);
    }
}

package dev.mediawatch.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * Finds the main text of a page, in four steps:
 * <ol>
 *   <li>strip what is never article text (scripts, navigation, forms, hidden elements, embeds) and elements whose
 *       names say boilerplate ({@link BoilerplateNames}), unless they hold most of the page's prose;</li>
 *   <li>turn loose text into paragraphs: runs of text in {@code div}s and table cells, split at {@code <br><br>};</li>
 *   <li>score every paragraph by length and commas and credit its ancestors with decaying weights, weighted by
 *       class names and link density (the Readability idea); the best container plus its similar-scoring siblings
 *       (live blogs, one-div-per-paragraph CMSs) is the article;</li>
 *   <li>emit its blocks in document order, dropping link lists, "Read more:" teasers, UI labels and headings that
 *       introduce nothing.</li>
 * </ol>
 */
final class MainText {

    private static final String NEVER_TEXT = "script, style, noscript, template, nav, footer, iframe, svg, canvas, "
            + "button, select, input, textarea, label, figcaption, video, audio, object, embed, dialog, menu, "
            + "[hidden], [aria-hidden=true], [style~=(?i)display:\\s*none], [style~=(?i)visibility:\\s*hidden], "
            + "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=dialog], "
            + "[role=alertdialog], [role=search], [aria-modal=true], amp-ad, amp-embed, amp-sticky-ad, amp-analytics, "
            + "amp-social-share, amp-sidebar, amp-user-notification, amp-consent, amp-twitter, amp-instagram, "
            + "amp-facebook, amp-iframe, amp-youtube, amp-pixel, amp-list, amp-geo";
    /** Kept only when they hold the bulk of the page's prose (some sites wrap everything in one). */
    private static final String USUALLY_NOT_TEXT = "header, aside, form, figure, address";
    private static final Set<String> INLINE = Set.of("a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn",
            "em", "font", "i", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u",
            "var", "wbr", "br", "img", "picture", "strike", "tt", "big", "center", "ins", "del");
    private static final Set<String> TEXT_BLOCKS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "li",
            "dd", "dt", "td", "th", "blockquote", "figcaption", "caption", "address");
    private static final Set<String> SPLITTABLE_BLOCKS = Set.of("td", "th", "dd", "blockquote");
    private static final Set<String> HEADINGS = Set.of("h2", "h3", "h4", "h5", "h6");
    private static final Pattern UI_LABEL = Pattern.compile("(?i)^[\\p{Punct}\\s]*(advertisement|advertising|ad|"
            + "sponsored( content)?|publicidad|anuncio|story continues below( advertisement)?|continue reading|"
            + "skip advertisement|scroll to continue|share( this( article| story)?)?|listen( to this article)?|"
            + "\\d+ min(ute)?s? read|read more|related|see also|more|print|email|copy link|comments?|"
            + "click to expand image|loading\\.*|###|_+|\\*+)[\\p{Punct}\\s·]*$");
    private static final Pattern TEASER_PREFIX = Pattern.compile("(?iu)^\\s*(read more|read also|also read|related|"
            + "see also|more|watch|listen|click here|lee también|lea también|leer más|te puede interesar|"
            + "ver también|ver más|leia também|leia mais|recommended|don't miss|must read|trending|"
            + "related coverage|related stories?|related articles?|more coverage|latest)\\s*[:|»>\\-–—]");
    private static final Pattern LEGAL_LINE = Pattern.compile("(?iu)^\\s*(copyright\\b|©|\\(c\\)\\s*\\d{4})");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?:;\"'”’»)…]\\s*$");
    private static final int MIN_PARAGRAPH = 25;

    private MainText() {
    }

    /** Extracts the text; modifies {@code doc}, so read metadata first. */
    static String extract(Document doc) {
        Element body = doc.body();
        if (body == null) return "";
        body.select(NEVER_TEXT).remove();
        makeParagraphs(body);
        removeBoilerplate(body);
        List<Element> article = articleElements(body);
        return new BlockWriter().write(article);
    }

    // ---- step 1: boilerplate ----

    private static void removeBoilerplate(Element body) {
        double total = proseLength(body);
        for (Element e : body.select(USUALLY_NOT_TEXT)) {
            if (e.is("figure") && !e.select("table").isEmpty()) continue; // a data table is article content
            if (e.parent() != null && !holdsMostProse(e, total)) e.remove();
        }
        // outermost first: select() is in document order, and a removed ancestor takes its descendants along
        for (Element e : body.select("[class], [id], [data-component], [data-testid], [data-qa], [aria-label]")) {
            if (e.parent() == null || !isAttached(e, body)) continue;
            if (BoilerplateNames.isNegative(BoilerplateNames.words(e)) && !holdsMostProse(e, total)) e.remove();
        }
    }

    private static boolean isAttached(Element e, Element body) {
        for (Element p = e; p != null; p = p.parent()) {
            if (p == body) return true;
        }
        return false;
    }

    /** An element holding half the page's prose is (or wraps) the article, whatever its name says. */
    private static boolean holdsMostProse(Element e, double total) {
        return total > 0 && proseLength(e) >= 0.5 * total;
    }

    private static double proseLength(Element root) {
        double sum = 0;
        for (Element p : root.select("p, pre, li")) {
            if (!p.select("p, li").isEmpty() && !p.is("p")) continue;
            int len = p.text().length();
            if (len >= MIN_PARAGRAPH) sum += len * (1 - linkDensity(p));
        }
        return sum;
    }

    // ---- step 2: paragraphs from loose text ----

    /**
     * Wraps runs of loose text (text nodes and inline elements directly in a block container) into {@code p}
     * elements, splitting at two or more consecutive {@code br}s, so that {@code <div>text<br><br>text</div>} pages
     * and one-div-per-paragraph CMSs are scored and written like ordinary paragraphs.
     */
    private static void makeParagraphs(Element root) {
        List<Element> containers = new ArrayList<>();
        for (Element e : root.getAllElements()) {
            String tag = e.normalName();
            boolean splittable = !TEXT_BLOCKS.contains(tag) || (SPLITTABLE_BLOCKS.contains(tag) && hasParagraphBreak(e));
            if (!INLINE.contains(tag) && splittable && hasLooseText(e)) containers.add(e);
        }
        for (Element container : containers) wrapRuns(container);
    }

    /** Old layouts put the whole article in one table cell, paragraphs split by {@code <br><br>}. */
    private static boolean hasParagraphBreak(Element e) {
        List<Node> children = e.childNodes();
        for (int i = 0; i < children.size(); i++) {
            if (isBr(children.get(i)) && nextNonBlank(children, i + 1) instanceof Element next && isBr(next)) return true;
        }
        return false;
    }

    private static boolean hasLooseText(Element e) {
        for (Node n : e.childNodes()) {
            if (n instanceof TextNode t && !t.isBlank()) return true;
            if (n instanceof Element c && INLINE.contains(c.normalName()) && !c.normalName().equals("br")
                    && c.hasText()) {
                return true;
            }
        }
        return false;
    }

    private static void wrapRuns(Element container) {
        List<Node> run = new ArrayList<>();
        List<Node> children = new ArrayList<>(container.childNodes());
        for (int i = 0; i < children.size(); i++) {
            Node n = children.get(i);
            boolean inline = n instanceof TextNode || (n instanceof Element c && INLINE.contains(c.normalName()));
            boolean paragraphBreak = isBr(n) && nextNonBlank(children, i + 1) instanceof Element next && isBr(next);
            if (inline && !paragraphBreak) {
                run.add(n);
            } else {
                wrap(run);
                run.clear();
            }
        }
        wrap(run);
    }

    private static Node nextNonBlank(List<Node> nodes, int from) {
        for (int i = from; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (!(n instanceof TextNode t && t.isBlank())) return n;
        }
        return null;
    }

    private static boolean isBr(Node n) {
        return n instanceof Element e && e.normalName().equals("br");
    }

    private static void wrap(List<Node> run) {
        boolean hasText = run.stream().anyMatch(n -> n instanceof TextNode t ? !t.isBlank()
                : n instanceof Element e && !e.normalName().equals("br") && e.hasText());
        if (!hasText) return;
        Element p = new Element("p");
        run.get(0).before(p);
        for (Node n : run) p.appendChild(n);
    }

    // ---- step 3: scoring ----

    private static List<Element> articleElements(Element body) {
        Map<Element, Double> scores = score(body);
        Element best = null;
        double bestScore = 0;
        for (Map.Entry<Element, Double> e : scores.entrySet()) {
            double s = e.getValue() * (1 - linkDensity(e.getKey()));
            e.setValue(s);
            if (s > bestScore) {
                best = e.getKey();
                bestScore = s;
            }
        }
        if (best == null) return List.of(body);
        best = climbWhileSimilar(best, scores);
        return withSiblings(best, scores);
    }

    /** Each paragraph credits its parent fully, grandparent by half, great-grandparent by a third (Readability). */
    private static Map<Element, Double> score(Element body) {
        Map<Element, Double> scores = new IdentityHashMap<>();
        for (Element p : body.select("p, pre, li, td, blockquote")) {
            if (!p.is("p, pre") && !p.select("p").isEmpty()) continue;
            String text = p.text();
            if (text.length() < MIN_PARAGRAPH) continue;
            double density = linkDensity(p);
            if (density > 0.5) continue;
            double points = (1 + commas(text) + Math.min(text.length() / 100.0, 3)) * (1 - density);
            if (p.is("li, td")) points *= 0.5;
            Element ancestor = p.parent();
            for (int level = 0; ancestor != null && ancestor != body.parent() && level < 4; level++) {
                scores.computeIfAbsent(ancestor, MainText::initialScore);
                double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                scores.merge(ancestor, points / divider, Double::sum);
                ancestor = ancestor.parent();
            }
        }
        return scores;
    }

    private static double initialScore(Element e) {
        double s = switch (e.normalName()) {
            case "article", "main" -> 10;
            case "div", "section" -> 5;
            case "pre", "td", "blockquote" -> 3;
            case "ol", "ul", "dl", "dd", "dt", "li", "form" -> -3;
            case "h1", "h2", "h3", "h4", "h5", "h6", "th" -> -5;
            default -> 0;
        };
        if (e.is("[itemprop=articleBody]")) s += 25;
        return s + BoilerplateNames.weight(e);
    }

    private static int commas(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ',' || c == '，' || c == '、') n++;
        }
        return n;
    }

    /**
     * A container whose parent scores nearly as well, and has another child scoring at least half as well, is one
     * of several article parts (NYT's companion columns, one section per subhead): the parent is the article.
     */
    private static Element climbWhileSimilar(Element best, Map<Element, Double> scores) {
        double bestScore = scores.get(best);
        Element current = best;
        for (Element parent = current.parent(); parent != null && !parent.normalName().equals("body");
                parent = current.parent()) {
            Double s = scores.get(parent);
            if (s == null || s < bestScore * 0.75 || !hasPeer(parent, current, bestScore * 0.5, scores)) break;
            current = parent;
        }
        return current;
    }

    private static boolean hasPeer(Element parent, Element child, double min, Map<Element, Double> scores) {
        for (Element sibling : parent.children()) {
            if (sibling != child && scores.getOrDefault(sibling, 0.0) >= min) return true;
        }
        return false;
    }

    /** The best container, plus siblings that look like more of the same (Readability's sibling merge). */
    private static List<Element> withSiblings(Element best, Map<Element, Double> scores) {
        Element parent = best.parent();
        if (parent == null || parent.normalName().equals("html")) return List.of(best);
        double bestScore = scores.getOrDefault(best, 0.0);
        double threshold = Math.max(10, bestScore * 0.2);
        List<Element> out = new ArrayList<>();
        for (Element sibling : parent.children()) {
            if (sibling == best) {
                out.add(sibling);
                continue;
            }
            double s = scores.getOrDefault(sibling, 0.0);
            if (!sibling.className().isEmpty() && sibling.className().equals(best.className())) s += bestScore * 0.2;
            if (s >= threshold || isStrayParagraph(sibling)) out.add(sibling);
        }
        return out;
    }

    private static boolean isStrayParagraph(Element e) {
        if (!e.normalName().equals("p")) return false;
        String text = e.text();
        double density = linkDensity(e);
        return (text.length() > 80 && density < 0.25)
                || (text.length() > 0 && density == 0 && SENTENCE_END.matcher(text).find() && text.length() >= 40);
    }

    static double linkDensity(Element e) {
        int total = e.text().length();
        if (total == 0) return 0;
        int linked = 0;
        for (Element a : e.select("a")) linked += a.text().length();
        return Math.min(1.0, (double) linked / total);
    }

    // ---- step 4: writing ----

    /** Writes text blocks in document order and decides, block by block, what is article text. */
    private static final class BlockWriter {
        private final List<String> texts = new ArrayList<>();
        private final List<Boolean> headings = new ArrayList<>();
        private final Map<String, Boolean> seen = new HashMap<>();

        String write(List<Element> roots) {
            for (Element root : roots) visit(root);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < texts.size(); i++) {
                // a heading counts only when article text follows it: "Related", "More on this story" don't
                if (headings.get(i) && (i + 1 >= texts.size() || headings.get(i + 1))) continue;
                if (out.length() > 0) out.append("\n\n");
                out.append(texts.get(i));
            }
            return out.toString();
        }

        private boolean afterImage;

        private void visit(Element e) {
            String tag = e.normalName();
            if (tag.equals("h1")) return; // the title, reported apart
            if (isBlock(e)) {
                add(e);
                afterImage = false;
                return;
            }
            if (!e.hasText() && (tag.equals("img") || tag.equals("picture") || e.selectFirst("img, picture") != null)) {
                afterImage = true;
                return;
            }
            for (Element child : e.children()) visit(child);
        }

        private static boolean isBlock(Element e) {
            String tag = e.normalName();
            if (tag.equals("p") || tag.equals("pre") || HEADINGS.contains(tag)) return true;
            if (!TEXT_BLOCKS.contains(tag)) return false;
            for (Element c : e.children()) {
                if (!INLINE.contains(c.normalName())) return false;
            }
            return true;
        }

        private void add(Element e) {
            String text = e.normalName().equals("pre") ? e.wholeText().strip() : e.text().strip();
            if (text.isEmpty()) return;
            boolean heading = HEADINGS.contains(e.normalName());
            // a short line right under an image is its caption, whatever markup the CMS gave it
            boolean caption = afterImage && !heading && text.length() < 100;
            if (!heading && (caption || !isArticleText(e, text))) {
                // a dropped block still ends the section a heading introduced
                if (!headings.isEmpty() && headings.get(headings.size() - 1)) {
                    texts.remove(texts.size() - 1);
                    headings.remove(headings.size() - 1);
                }
                return;
            }
            if (heading && linkDensity(e) > 0.5) return;
            if (seen.put(text, Boolean.TRUE) != null) return; // pull quotes repeat a sentence of the text
            texts.add(text);
            headings.add(heading);
        }

        private static boolean isArticleText(Element e, String text) {
            if (UI_LABEL.matcher(text).matches()) return false;
            if (text.length() < 250 && LEGAL_LINE.matcher(text).find()) return false;
            double density = linkDensity(e);
            if (density > 0.5) return false;
            if (density > 0 && TEASER_PREFIX.matcher(text).find()) return false;
            // short lines without closing punctuation are bylines, credits, datelines and labels; list items and
            // table cells are often short by nature
            boolean shortFragment = text.length() < 50 && !SENTENCE_END.matcher(text).find();
            return !shortFragment || e.is("li, td, dd");
        }
    }
}

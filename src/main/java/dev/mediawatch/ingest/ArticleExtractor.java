package dev.mediawatch.ingest;

import java.net.URI;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Extracts an article's main text and metadata from its HTML with Jsoup. Pure: no I/O, thread-safe.
 */
public final class ArticleExtractor {

    /** Below this many characters, a page that says it is an article was probably cut short. */
    static final int SHORT_ARTICLE = 400;

    private static final Pattern PAYWALL_NAME =
            Pattern.compile("(?i)pay-?wall|subscribers?-only|subscription-required|premium-content|regwall|metered");
    private static final Pattern PAYWALL_TEXT = Pattern.compile("(?i)subscribe to (continue|keep) reading|"
            + "subscribe to read|this (article|content) is (only )?(available )?(for|to) subscribers|"
            + "already a subscriber\\?");

    /**
     * @param html        the page bytes
     * @param contentType the Content-Type header, or null; its charset wins over meta tags and sniffing
     * @param url         the URL the page was fetched from (after redirects), for relative links
     */
    public ExtractedPage extract(byte[] html, String contentType, URI url) {
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(url, "url");
        Charset charset = HtmlCharset.detect(html, contentType);
        Document doc = Jsoup.parse(new String(html, charset), url.toString());
        PageMetadata meta = new PageMetadata(doc);
        String canonical = UrlCanonicalizer.canonicalize(meta.canonical().orElse(url.toString()));
        boolean paywall = hasPaywallMarker(doc) || meta.jsonLdPaywalled();
        String title = meta.title();
        String byline = meta.byline();
        var published = meta.publishedAt();
        String language = meta.language();
        boolean article = meta.saysArticle();
        String text = MainText.extract(doc); // last: it strips the document
        boolean truncated = paywall || (article && text.length() < SHORT_ARTICLE);
        return new ExtractedPage(canonical, title, byline, published, language, text, truncated);
    }

    private static boolean hasPaywallMarker(Document doc) {
        boolean named = doc.select("[class], [id]").stream()
                .anyMatch(e -> PAYWALL_NAME.matcher(e.className() + " " + e.id()).find());
        return named || PAYWALL_TEXT.matcher(doc.body().text().toLowerCase(Locale.ROOT)).find();
    }
}

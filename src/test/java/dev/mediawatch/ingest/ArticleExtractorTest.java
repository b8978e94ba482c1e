package dev.mediawatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleExtractorTest {

    private static final URI NEWS_URL =
            URI.create("https://News.Example.com/world/2025/04/14/cecot-transfers?utm_source=rss&utm_medium=feed");
    private final ArticleExtractor extractor = new ArticleExtractor();

    private ExtractedPage news() {
        return extractor.extract(Fixtures.bytes("news-article.html"), "text/html; charset=utf-8", NEWS_URL);
    }

    @Test
    void keepsTheArticleParagraphsInOrderSeparatedByBlankLines() {
        String text = news().text();

        assertThat(text).startsWith("A federal judge in Maryland pressed government lawyers on Monday")
                .contains("\"no evidence whatsoever\"")
                .contains("an administrative error")
                .contains("What comes next")
                .endsWith("questioned under oath about their efforts.");
        assertThat(text.split("\n\n")).hasSize(5);
    }

    @Test
    void dropsNavigationRelatedCommentsSidebarNewsletterAndFooter() {
        assertThat(news().text())
                .doesNotContain("Politics", "Business")
                .doesNotContain("Supreme Court rules on deportation flights", "Related")
                .doesNotContain("Share on Facebook")
                .doesNotContain("This is an outrage", "Comments (231)")
                .doesNotContain("Most read", "Celebrity chef")
                .doesNotContain("Morning Briefing")
                .doesNotContain("All rights reserved")
                .doesNotContain("window.analytics", "color:grey");
    }

    @Test
    void readsTitleBylineLanguageAndTheJsonLdDate() {
        ExtractedPage page = news();

        assertThat(page.title()).isEqualTo("Judge questions officials over CECOT transfers");
        assertThat(page.byline()).isEqualTo("Maria Lopez");
        assertThat(page.publishedAt()).isEqualTo(Instant.parse("2025-04-14T16:00:00Z"));
        assertThat(page.language()).isEqualTo("en");
        assertThat(page.truncated()).isFalse();
    }

    @Test
    void resolvesAndCanonicalizesTheCanonicalLink() {
        assertThat(news().canonicalUrl()).isEqualTo("https://news.example.com/world/2025/04/14/cecot-transfers");
    }

    @Test
    void fallsBackToTheFetchedUrlCanonicalized() {
        ExtractedPage page = extractor.extract("<html><body><p>Hi</p></body></html>".getBytes(StandardCharsets.UTF_8),
                null, NEWS_URL);

        assertThat(page.canonicalUrl()).isEqualTo("https://news.example.com/world/2025/04/14/cecot-transfers");
        assertThat(page.truncated()).isFalse(); // short, but not an article page
    }

    @Test
    void flagsAPaywallAndReadsOgUrlAndPublishedTimeMeta() {
        ExtractedPage page = extractor.extract(Fixtures.bytes("paywalled.html"), null,
                URI.create("https://zeitung.example.de/p/123"));

        assertThat(page.truncated()).isTrue();
        assertThat(page.canonicalUrl()).isEqualTo("https://zeitung.example.de/politik/neue-details-123.html");
        assertThat(page.publishedAt()).isEqualTo(Instant.parse("2025-04-14T08:15:00Z"));
        assertThat(page.language()).isEqualTo("de");
        assertThat(page.text()).contains("Die Regierung hat am Montag").doesNotContain("Subscribe to continue");
    }

    @Test
    void flagsAVeryShortArticleAsTruncated() {
        String html = "<html><head><meta property='og:type' content='article'></head><body><article>"
                + "<h1>Breaking</h1><p>The court ruled this morning; more details to follow shortly.</p>"
                + "</article></body></html>";

        assertThat(extractor.extract(html.getBytes(StandardCharsets.UTF_8), null, NEWS_URL).truncated()).isTrue();
    }

    @Test
    void decodesWithTheMetaCharsetWhenTheHeaderHasNone() {
        String html = "<html><head><meta http-equiv='Content-Type' content='text/html; charset=iso-8859-1'>"
                + "<title>Café</title></head><body><p>Señor Müller visited the café in Zürich today.</p></body></html>";

        ExtractedPage page = extractor.extract(html.getBytes(StandardCharsets.ISO_8859_1), "text/html", NEWS_URL);

        assertThat(page.title()).isEqualTo("Café");
        assertThat(page.text()).isEqualTo("Señor Müller visited the café in Zürich today.");
    }

    @Test
    void sniffsWindows1252WhenNothingIsDeclaredAndTheBytesAreNotUtf8() {
        String html = "<html><body><p>“Quoted” text from an old CMS that never declared its charset.</p></body></html>";

        ExtractedPage page = extractor.extract(html.getBytes(Charset.forName("windows-1252")), null, NEWS_URL);

        assertThat(page.text()).startsWith("“Quoted”");
    }

    @Test
    void headerCharsetWinsOverMeta() {
        String html = "<html><head><meta charset='iso-8859-1'></head><body><p>Naïve café prices rose again in "
                + "the capital this week.</p></body></html>";

        ExtractedPage page = extractor.extract(html.getBytes(StandardCharsets.UTF_8), "text/html; charset=UTF-8",
                NEWS_URL);

        assertThat(page.text()).startsWith("Naïve café");
    }
}

package dev.mediawatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlCanonicalizerTest {

    @Test
    void stripsTrackingParametersAndKeepsOthersInOrder() {
        assertThat(UrlCanonicalizer.canonicalize(
                "https://example.com/a?utm_source=x&b=2&fbclid=abc&a=1&gclid=g&mc_cid=1&mc_eid=2&igshid=i&ref_src=t&_ga=3"))
                .isEqualTo("https://example.com/a?b=2&a=1");
    }

    @Test
    void lowerCasesSchemeAndHostButNotPath() {
        assertThat(UrlCanonicalizer.canonicalize("HTTPS://News.Example.COM/World/Story"))
                .isEqualTo("https://news.example.com/World/Story");
    }

    @Test
    void dropsDefaultPortAndFragment() {
        assertThat(UrlCanonicalizer.canonicalize("http://example.com:80/x#comments")).isEqualTo("http://example.com/x");
        assertThat(UrlCanonicalizer.canonicalize("https://example.com:443/x")).isEqualTo("https://example.com/x");
        assertThat(UrlCanonicalizer.canonicalize("https://example.com:8443/x")).isEqualTo("https://example.com:8443/x");
    }

    @Test
    void emptyPathBecomesSlashAndEmptyQueryIsDropped() {
        assertThat(UrlCanonicalizer.canonicalize("https://example.com?utm_medium=rss")).isEqualTo("https://example.com/");
    }

    @Test
    void leavesUnparseableInputAlone() {
        assertThat(UrlCanonicalizer.canonicalize(" not a url ")).isEqualTo("not a url");
    }

    @Test
    void variantsOfOneArticleShareAnId() {
        String a = UrlCanonicalizer.canonicalize("https://Example.com:443/news/1?utm_source=rss#top");
        String b = UrlCanonicalizer.canonicalize("https://example.com/news/1?fbclid=xyz");
        assertThat(ArticleIds.of(a)).isEqualTo(ArticleIds.of(b));
    }

    @Test
    void articleIdIsThirtyTwoLowerHexCharsOfSha256() {
        // SHA-256("https://example.com/") starts with 0f115db062b7c0dd030b16878c99dea5
        assertThat(ArticleIds.of("https://example.com/")).matches("[0-9a-f]{32}")
                .isEqualTo("0f115db062b7c0dd030b16878c99dea5");
        assertThat(ArticleIds.of("https://example.com/b")).isNotEqualTo(ArticleIds.of("https://example.com/"));
    }
}

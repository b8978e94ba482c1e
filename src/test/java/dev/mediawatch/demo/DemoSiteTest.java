package dev.mediawatch.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

class DemoSiteTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private DemoSite site;

    @BeforeEach
    void start() throws IOException {
        site = DemoSite.start(0);
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void listensOnLoopbackWithTheFourFeeds() {
        assertThat(site.baseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(site.baseUri().getPort()).isPositive();
        assertThat(site.feeds()).extracting(DemoFeed::id)
                .containsExactly("demo-wire", "demo-national", "demo-radio", "demo-elsalvador");
        assertThat(site.feeds()).extracting(DemoFeed::outlet)
                .containsExactly("Demo Wire Service", "The Demo Times", "Demo Public Radio", "Diario Demo de El Salvador");
        assertThat(site.feeds()).allSatisfy(f -> assertThat(f.url().toString()).startsWith(site.baseUri() + "/feeds/"));
    }

    @Test
    void servesEachFeedWithItsBaseSubstituted() throws Exception {
        for (DemoFeed feed : site.feeds()) {
            HttpResponse<String> response = get(feed.url());
            assertThat(response.statusCode()).as(feed.id()).isEqualTo(200);
            String type = feed.id().equals("demo-national") ? "application/atom+xml" : "application/rss+xml";
            assertThat(response.headers().firstValue("Content-Type")).hasValue(type + "; charset=utf-8");
            assertThat(response.body()).doesNotContain("{{base}}").contains(site.baseUri() + "/articles/");
            SyndFeed parsed = new SyndFeedInput().build(new StringReader(response.body()));
            assertThat(parsed.getEntries()).as(feed.id()).isNotEmpty();
        }
    }

    @Test
    void everyLinkInEveryFeedIsServed() throws Exception {
        Set<URI> links = new LinkedHashSet<>();
        for (DemoFeed feed : site.feeds()) {
            SyndFeed parsed = new SyndFeedInput().build(new StringReader(get(feed.url()).body()));
            links.add(URI.create(parsed.getLink()));
            for (SyndEntry entry : parsed.getEntries()) {
                links.add(URI.create(entry.getLink()));
            }
        }
        assertThat(links).hasSizeGreaterThan(10);
        for (URI link : links) {
            assertThat(link.toString()).startsWith(site.baseUri().toString());
            assertThat(get(link).statusCode()).as(link.toString()).isEqualTo(200);
        }
    }

    @Test
    void servesArticlesAsHtmlWithTheirOwnCanonicalUrl() throws Exception {
        URI url = URI.create(site.baseUri() + "/articles/wire-cecot-transfer.html");
        HttpResponse<String> response = get(url);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.body()).doesNotContain("{{base}}");
        Document page = Jsoup.parse(response.body(), url.toString());
        Element canonical = page.selectFirst("link[rel=canonical]");
        assertThat(canonical).isNotNull();
        assertThat(canonical.attr("href")).isEqualTo(url.toString());
    }

    @Test
    void answersNotFoundForAnythingElse() throws Exception {
        for (String path : List.of("/nope", "/feeds/unknown.xml", "/feeds/", "/articles/missing.html",
                "/articles/../manifest.json", "/manifest.json", "/demo-config.yaml", "/articles/WIRE-CECOT-TRANSFER.HTML",
                "/feeds/wire.xml/extra")) {
            HttpResponse<String> response = get(URI.create(site.baseUri() + path));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
        }
    }

    @Test
    void refusesMethodsOtherThanGetAndHead() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(site.feeds().get(0).url())
                .POST(HttpRequest.BodyPublishers.ofString("x")).build();

        HttpResponse<String> response = http.send(post, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void answersNotModifiedWhenTheEtagMatches() throws Exception {
        URI url = site.feeds().get(0).url();
        HttpResponse<String> first = get(url);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = http.send(HttpRequest.newBuilder(url).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> weak = http.send(HttpRequest.newBuilder(url).header("If-None-Match", "\"other\", W/" + etag)
                .build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> stale = http.send(HttpRequest.newBuilder(url).header("If-None-Match", "\"stale\"").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(weak.statusCode()).isEqualTo(304);
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo(first.body());
    }

    @Test
    void changesTheEtagWhenMoreItemsAreReleased() throws Exception {
        site.releaseGradually(Duration.ofHours(1), 1);
        String before = get(site.feeds().get(0).url()).headers().firstValue("ETag").orElseThrow();

        site.releaseAll();

        HttpResponse<String> after = http.send(HttpRequest.newBuilder(site.feeds().get(0).url())
                .header("If-None-Match", before).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(before);
    }

    @Test
    void startsAGradualReleaseWithTheOldestItems() throws Exception {
        site.releaseGradually(Duration.ofHours(1), 2);

        assertThat(site.visibleItems()).isEqualTo(2);
        assertThat(servedLinks()).extracting(u -> u.getPath())
                .containsExactlyInAnyOrder("/articles/wire-cecot-transfer.html", "/articles/radio-cecot-transfer.html");
    }

    @Test
    void releasesOneMoreItemEachPeriodUntilAllAreListed() throws Exception {
        int total = site.totalItems();
        assertThat(servedLinks()).hasSize(total);

        site.releaseGradually(Duration.ofMillis(150), 0);
        List<Integer> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            int served = servedLinks().size();
            seen.add(served);
            return served == total;
        });

        assertThat(seen).isSorted();
        assertThat(seen.get(0)).isLessThan(total);
        assertThat(site.visibleItems()).isEqualTo(total);
    }

    @Test
    void releaseAllListsEverythingAtOnce() throws Exception {
        site.releaseGradually(Duration.ofHours(1));
        assertThat(servedLinks()).hasSize(DemoSite.DEFAULT_INITIALLY_VISIBLE);

        site.releaseAll();

        assertThat(servedLinks()).hasSize(site.totalItems());
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> DemoSite.start(70_000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("port");
        assertThatThrownBy(() -> site.releaseGradually(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("every");
        assertThatThrownBy(() -> site.releaseGradually(Duration.ofSeconds(1), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("initiallyVisible");
    }

    @Test
    void servesTheSameBytesAsTheResourceWhenEverythingIsVisible() throws Exception {
        String resource = DemoSite.readResource("feeds/wire.xml").replace("{{base}}", site.baseUri().toString());

        assertThat(get(site.feeds().get(0).url()).body()).isEqualTo(resource);
    }

    /** Links of the items listed now, over all feeds. */
    private List<URI> servedLinks() throws Exception {
        List<URI> links = new ArrayList<>();
        for (DemoFeed feed : site.feeds()) {
            SyndFeed parsed = new SyndFeedInput().build(new StringReader(get(feed.url()).body()));
            parsed.getEntries().forEach(e -> links.add(URI.create(e.getLink())));
        }
        return links;
    }

    private HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

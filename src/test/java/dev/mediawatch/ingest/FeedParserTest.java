package dev.mediawatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FeedParserTest {

    private static final URI BASE = URI.create("https://news.example.com/rss/world.xml");
    private final FeedParser parser = new FeedParser();

    @Test
    void readsRss2() throws Exception {
        ParsedFeed feed = parser.parse(Fixtures.bytes("rss2.xml"), "application/rss+xml", BASE);

        assertThat(feed.title()).isEqualTo("Example News — World");
        assertThat(feed.entries()).hasSize(2);
        FeedEntry first = feed.entries().get(0);
        assertThat(first.id()).isEqualTo("example-news-10001");
        assertThat(first.title()).isEqualTo("Court hears Abrego Garcia case");
        assertThat(first.link()).isEqualTo("https://news.example.com/world/2025/04/14/abrego-garcia-court");
        assertThat(first.published()).isEqualTo(Instant.parse("2025-04-14T12:00:00Z"));
        assertThat(first.summary()).isEqualTo("A federal judge questioned officials on Monday.");
    }

    @Test
    void resolvesRelativeLinksAgainstTheBase() throws Exception {
        FeedEntry second = parser.parse(Fixtures.bytes("rss2.xml"), null, BASE).entries().get(1);

        assertThat(second.link()).isEqualTo("https://news.example.com/world/2025/04/13/cecot-explainer");
        assertThat(second.summary()).isEqualTo("The prison in El Salvador <explained>.");
    }

    @Test
    void readsAtom1() throws Exception {
        ParsedFeed feed = parser.parse(Fixtures.bytes("atom.xml"), "application/atom+xml",
                URI.create("https://wire.example.org/atom.xml"));

        assertThat(feed.title()).isEqualTo("Example Wire");
        FeedEntry first = feed.entries().get(0);
        assertThat(first.id()).isEqualTo("tag:wire.example.org,2025:1234");
        assertThat(first.title()).isEqualTo("Judge orders return flight");
        assertThat(first.link()).isEqualTo("https://wire.example.org/stories/1234");
        assertThat(first.published()).isEqualTo(Instant.parse("2025-04-14T11:58:00Z"));
        assertThat(first.summary()).isEqualTo("The order came late on Monday.");
        FeedEntry second = feed.entries().get(1);
        assertThat(second.link()).isEqualTo("https://wire.example.org/stories/1235");
        assertThat(second.published()).isEqualTo(Instant.parse("2025-04-14T12:04:00Z"));
        assertThat(second.summary()).isEqualTo("Content only.");
    }

    @Test
    void readsRss1() throws Exception {
        ParsedFeed feed = parser.parse(Fixtures.bytes("rss1.xml"), "application/rdf+xml", BASE);

        assertThat(feed.title()).isEqualTo("Example Blog");
        FeedEntry item = feed.entries().get(0);
        assertThat(item.link()).isEqualTo("https://blog.example.net/posts/42");
        assertThat(item.id()).isEqualTo("https://blog.example.net/posts/42");
        assertThat(item.title()).isEqualTo("Alien Enemies Act, annotated");
        assertThat(item.published()).isEqualTo(Instant.parse("2025-04-12T09:00:00Z"));
    }

    @Test
    void replacesUndeclaredHtmlEntities() throws Exception {
        FeedEntry item = parser.parse(Fixtures.bytes("sloppy-rss.xml"), null, BASE).entries().get(0);

        assertThat(item.title()).isEqualTo("Café owner’s story — Q&A with AT&T staff");
        assertThat(item.summary()).isEqualTo("Prices\u00a0rose © 2025 &bogus; end".replace('\u00a0', ' '));
    }

    @Test
    void escapesBareAmpersands() throws Exception {
        FeedEntry item = parser.parse(Fixtures.bytes("sloppy-rss.xml"), null, BASE).entries().get(0);

        assertThat(item.link()).isEqualTo("https://gazette.example.com/a?id=1&page=2");
    }

    @Test
    void skipsJunkBeforeTheProlog() throws Exception {
        ParsedFeed feed = parser.parse(Fixtures.bytes("sloppy-rss.xml"), null, BASE);

        assertThat(feed.title()).isEqualTo("Smith & Sons Gazette");
    }

    @Test
    void stripsAByteOrderMark() throws Exception {
        ByteArrayOutputStream withBom = new ByteArrayOutputStream();
        withBom.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        withBom.write(Fixtures.bytes("rss2.xml"));

        assertThat(parser.parse(withBom.toByteArray(), "text/xml", BASE).entries()).hasSize(2);
    }

    @Test
    void trustsTheProlgEncodingOverTheHeader() throws Exception {
        String xml = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Café</title>"
                + "<link>https://x.example/</link><description>d</description></channel></rss>";

        ParsedFeed feed = parser.parse(xml.getBytes(StandardCharsets.ISO_8859_1), "text/xml; charset=utf-8", BASE);

        assertThat(feed.title()).isEqualTo("Café");
    }

    @Test
    void refusesExternalEntitiesWithoutFetchingThem() throws Exception {
        try (LoopbackServer canary = new LoopbackServer()) {
            canary.handle("/", ex -> LoopbackServer.respond(ex, 200, "secret"));
            byte[] xxe = Fixtures.text("xxe.xml").replace("CANARY_URL", canary.uri("/xxe").toString())
                    .getBytes(StandardCharsets.UTF_8);

            assertThatThrownBy(() -> parser.parse(xxe, null, BASE)).isInstanceOf(FeedParseException.class);
            assertThat(canary.requests).isEmpty();
        }
    }

    @Test
    void refusesBillionLaughs() {
        assertThatThrownBy(() -> parser.parse(Fixtures.bytes("billion-laughs.xml"), null, BASE))
                .isInstanceOf(FeedParseException.class)
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void itemWithoutGuidUsesItsLinkAsId() throws Exception {
        FeedEntry item = parser.parse(Fixtures.bytes("missing-ids.xml"), null, BASE).entries().get(0);

        assertThat(item.id()).isEqualTo("https://odd.example.com/no-guid");
        assertThat(item.link()).isEqualTo("https://odd.example.com/no-guid");
    }

    @Test
    void itemWithoutLinkUsesAUrlGuidAsLink() throws Exception {
        FeedEntry item = parser.parse(Fixtures.bytes("missing-ids.xml"), null, BASE).entries().get(1);

        assertThat(item.link()).isEqualTo("https://odd.example.com/from-guid");
        assertThat(item.id()).isEqualTo("https://odd.example.com/from-guid");
    }

    @Test
    void itemWithoutLinkAndWithAnOpaqueGuidIsKeptWithoutLink() throws Exception {
        FeedEntry item = parser.parse(Fixtures.bytes("missing-ids.xml"), null, BASE).entries().get(2);

        assertThat(item.link()).isNull();
        assertThat(item.id()).isEqualTo("odd-777");
        assertThat(item.title()).isEqualTo("No link, opaque guid");
    }

    @Test
    void refusesSomethingThatIsNotAFeed() {
        assertThatThrownBy(() -> parser.parse("<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8),
                "text/html", BASE)).isInstanceOf(FeedParseException.class);
    }
}

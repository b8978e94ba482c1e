package dev.mediawatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediawatch.model.FeedSource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpmlTest {
    private static final ZonedDateTime CREATED = ZonedDateTime.of(2025, 4, 14, 12, 0, 0, 0, ZoneOffset.UTC);

    private static byte[] fixture() throws Exception {
        try (InputStream in = OpmlTest.class.getResourceAsStream("/ingest/subscriptions.opml")) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsFeedsAtAnyDepthAndFlattensFolders() throws Exception {
        List<Opml.Outline> outlines = Opml.read(fixture());

        assertThat(outlines).extracting(Opml.Outline::xmlUrl).containsExactly(
                "https://feeds.reuters.example/world",
                "https://rsshub.example/apnews/topics/apf-topnews",
                "https://elfaro.example/en/feed/?tag=immigration&lang=en",
                "https://www.courthouse.example/feed/",
                "https://rss.nytimes.com/services/xml/rss/nyt/World.xml",
                "https://rss.nytimes.com/services/xml/rss/nyt/US.xml",
                "http://feeds.npr.org/1001/rss.xml",
                "https://feeds.reuters.example/world",
                "gopher://old.example/feed");
        assertThat(outlines.get(3).title()).isEqualTo("Courts & Justice");
        assertThat(outlines.get(0).htmlUrl()).isEqualTo("https://www.reuters.example/world/");
    }

    @Test
    void derivesUniqueIdsAndSkipsWhatCannotBePolled() throws Exception {
        List<FeedSource> feeds = Opml.toFeeds(Opml.read(fixture()), new HashSet<>(List.of("npr")));

        assertThat(feeds).extracting(FeedSource::id).containsExactly("reuters-world", "ap-top-news",
                "immigration-el-faro", "courts-justice", "the-new-york-times-world", "the-new-york-times-us", "npr-2",
                "reuters-world-again-in-another-folder");
        assertThat(feeds).allMatch(f -> f.id().matches("[a-z0-9][a-z0-9._-]*"));
        assertThat(feeds.get(0).outlet()).isEqualTo("Reuters World");
        assertThat(feeds.get(0).siteUrl()).isEqualTo("https://www.reuters.example/world/");
    }

    @Test
    void exportThenImportGivesTheSameFeeds() throws Exception {
        List<FeedSource> registry = List.of(
                new FeedSource("nyt-world", "https://rss.nytimes.com/services/xml/rss/nyt/World.xml",
                        "The New York Times", Duration.ofMinutes(5), "https://www.nytimes.com/section/world"),
                new FeedSource("nyt-us", "https://rss.nytimes.com/services/xml/rss/nyt/US.xml", "The New York Times",
                        null, null),
                new FeedSource("elfaro", "https://elfaro.example/en/feed/?tag=immigration&lang=en",
                        "El Faro <English> & \"friends\"", Duration.ofMinutes(30), null));

        String opml = Opml.write(registry, "mediawatch feeds", CREATED);
        List<FeedSource> again = Opml.toFeeds(Opml.read(opml.getBytes(StandardCharsets.UTF_8)), new HashSet<>());

        assertThat(opml).contains("<opml version=\"2.0\"").contains("type=\"rss\"").contains("xmlUrl=")
                .contains("<dateCreated>Mon, 14 Apr 2025 12:00:00 GMT</dateCreated>");
        assertThat(again).containsExactlyInAnyOrderElementsOf(registry);
    }

    @Test
    void aFeedReadersExportRoundTripsThroughMediawatch() throws Exception {
        List<FeedSource> imported = Opml.toFeeds(Opml.read(fixture()), new HashSet<>());

        String exported = Opml.write(imported, "mediawatch feeds", CREATED);
        List<FeedSource> reimported = Opml.toFeeds(Opml.read(exported.getBytes(StandardCharsets.UTF_8)), new HashSet<>());

        assertThat(reimported).containsExactlyInAnyOrderElementsOf(imported);
    }

    @Test
    void refusesADoctypeSoNoEntityIsEverExpanded() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE opml [<!ENTITY x SYSTEM "http://127.0.0.1:9/canary">]>
                <opml version="2.0"><body><outline text="&x;" xmlUrl="https://a.example/feed"/></body></opml>
                """;

        assertThatThrownBy(() -> Opml.read(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Opml.OpmlException.class).hasMessageContaining("DOCTYPE");
    }

    @Test
    void refusesWhatIsNotOpml() {
        assertThatThrownBy(() -> Opml.read("<rss version=\"2.0\"/>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Opml.OpmlException.class).hasMessageContaining("not OPML");
    }
}

package dev.mediawatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundled demo resources agree with each other: feeds, pages, manifest and config. */
class DemoContentTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FEED_FILES = List.of("wire.xml", "national.xml", "radio.xml", "elsalvador.xml");
    private static final Map<String, String> FEED_ID_BY_FILE = Map.of("wire.xml", "demo-wire",
            "national.xml", "demo-national", "radio.xml", "demo-radio", "elsalvador.xml", "demo-elsalvador");
    private static final Pattern ARTICLE_LINK = Pattern.compile("\\{\\{base}}/articles/([a-z0-9-]+\\.html)");

    @Test
    void manifestListsEveryArticleFileAndOnlyThose() throws Exception {
        assertThat(manifestFiles()).containsExactlyInAnyOrderElementsOf(articleFiles());
        assertThat(manifestFiles()).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(14);
    }

    @Test
    void manifestNamesOnlyConfiguredEntitiesAndKnownFeeds() throws Exception {
        Set<String> entityIds = configEntities().keySet();
        assertThat(entityIds).containsExactlyInAnyOrder("cecot", "abrego-garcia", "alien-enemies-act", "bukele",
                "tren-de-aragua", "ms-13", "rubio", "judge-xinis", "judge-boasberg", "supreme-court");
        Set<String> mentioned = new HashSet<>();
        for (JsonNode article : manifest().get("articles")) {
            assertThat(FEED_ID_BY_FILE.values()).contains(article.get("feed").asText());
            assertThat(article.get("outlet").asText()).isNotBlank();
            for (String id : strings(article, "expectedEntities")) {
                assertThat(entityIds).as(article.get("file").asText()).contains(id);
                mentioned.add(id);
            }
            assertThat(entityIds).containsAll(strings(article, "notExpectedEntities"));
        }
        assertThat(mentioned).as("every watchlist entity appears in some article").isEqualTo(entityIds);
    }

    @Test
    void manifestHasOneSyndicatedCopyOfAStoryFromAnotherOutlet() throws Exception {
        List<JsonNode> copies = new ArrayList<>();
        manifest().get("articles").forEach(a -> {
            if (a.hasNonNull("syndicationOf")) copies.add(a);
        });
        assertThat(copies).hasSize(1);
        JsonNode copy = copies.get(0);
        JsonNode original = article(copy.get("syndicationOf").asText());
        assertThat(copy.get("outlet").asText()).isNotEqualTo(original.get("outlet").asText());
        assertThat(copy.get("story").asText()).isEqualTo(original.get("story").asText());
        assertThat(strings(copy, "expectedEntities")).isEqualTo(strings(original, "expectedEntities"));
        assertThat(similarity(bodyText(copy.get("file").asText()), bodyText(original.get("file").asText())))
                .as("word 3-shingle overlap of the copy and the original").isGreaterThan(0.8);
    }

    @Test
    void everyFeedItemLinksToAnArticleOfItsOwnOutletAndEveryArticleIsInOneFeed() throws Exception {
        Map<String, String> feedOfArticle = new HashMap<>();
        for (String feed : FEED_FILES) {
            var m = ARTICLE_LINK.matcher(feedText(feed));
            while (m.find()) {
                String previous = feedOfArticle.put(m.group(1), FEED_ID_BY_FILE.get(feed));
                assertThat(previous == null || previous.equals(FEED_ID_BY_FILE.get(feed))).as(m.group(1)).isTrue();
            }
        }
        assertThat(feedOfArticle.keySet()).containsExactlyInAnyOrderElementsOf(articleFiles());
        for (JsonNode article : manifest().get("articles")) {
            assertThat(feedOfArticle.get(article.get("file").asText())).as(article.get("file").asText())
                    .isEqualTo(article.get("feed").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wire.xml", "national.xml", "radio.xml", "elsalvador.xml"})
    void feedParsesAsXmlWithoutADoctype(String file) throws Exception {
        var doc = strictXml().parse(new ByteArrayInputStream(feedText(file).getBytes(StandardCharsets.UTF_8)));
        String root = doc.getDocumentElement().getLocalName();

        assertThat(root).isEqualTo(file.equals("national.xml") ? "feed" : "rss");
        SyndFeed feed = new SyndFeedInput().build(new StringReader(feedText(file).replace("{{base}}", "http://127.0.0.1:1")));
        assertThat(feed.getFeedType()).isEqualTo(file.equals("national.xml") ? "atom_1.0" : "rss_2.0");
        assertThat(feed.getEntries()).allSatisfy(e -> {
            assertThat(e.getPublishedDate()).isNotNull();
            assertThat(e.getPublishedDate().toInstant().toString()).startsWith("2025-04-1");
            assertThat(e.getTitle()).isNotBlank();
        });
        if (file.equals("elsalvador.xml")) assertThat(feed.getLanguage()).startsWith("es");
    }

    @ParameterizedTest
    @MethodSource("articleFiles")
    void articlePageHasTheMarkupOfANewsPage(String file) throws Exception {
        Document page = Jsoup.parse(articleText(file));

        assertThat(page.selectFirst("link[rel=canonical]").attr("href")).isEqualTo("{{base}}/articles/" + file);
        assertThat(page.select("header nav a")).isNotEmpty();
        assertThat(page.select("article h1").text()).isEqualTo(manifestEntry(file).get("title").asText());
        assertThat(page.select("article time[datetime]")).isNotEmpty();
        assertThat(page.select("article .story-body p")).hasSizeGreaterThanOrEqualTo(5);
        assertThat(page.select("aside.most-read li a")).isNotEmpty();
        assertThat(page.select(".related a")).isNotEmpty();
        assertThat(page.select(".newsletter-signup form")).isNotEmpty();
        assertThat(page.select("#comments .comment")).isNotEmpty();
        assertThat(page.select("footer")).isNotEmpty();

        JsonNode ld = JSON.readTree(page.selectFirst("script[type=application/ld+json]").data());
        assertThat(ld.get("@type").asText()).isEqualTo("NewsArticle");
        assertThat(ld.get("headline").asText()).isEqualTo(page.select("article h1").text());
        assertThat(OffsetDateTime.parse(ld.get("datePublished").asText()).toInstant())
                .isEqualTo(OffsetDateTime.parse(manifestEntry(file).get("publishedAt").asText()).toInstant());
        assertThat(ld.get("author").get(0).get("name").asText()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("articleFiles")
    void relatedLinksPointToBundledArticles(String file) throws Exception {
        Set<String> files = new HashSet<>(articleFiles());
        var m = ARTICLE_LINK.matcher(articleText(file));
        while (m.find()) {
            assertThat(files).as(file).contains(m.group(1));
        }
    }

    /**
     * A plain whole-word alias check (case and accents folded, exclusions removed, context required),
     * so the manifest's expectations hold for the text as written, whatever matcher reads it later.
     */
    @ParameterizedTest
    @MethodSource("articleFiles")
    void expectedEntitiesAreExactlyThoseTheArticleTextNames(String file) throws Exception {
        String text = bodyText(file);
        Set<String> found = new TreeSet<>();
        configEntities().forEach((id, entity) -> {
            if (mentions(text, entity)) found.add(id);
        });
        JsonNode entry = manifestEntry(file);

        assertThat(found).as(file).isEqualTo(new TreeSet<>(strings(entry, "expectedEntities")));
        for (String lookAlike : strings(entry, "notExpectedEntities")) {
            assertThat(found).as(file).doesNotContain(lookAlike);
        }
    }

    @Test
    void lookAlikesAreInTheTextTheyAreMeantToTest() throws Exception {
        assertThat(bodyText("national-cecotto-racing.html")).contains("Johnny Cecotto");
        assertThat(bodyText("radio-council-garcia-concert.html")).contains("Jerry Garcia");
        assertThat(bodyText("elsalvador-aragua-cosecha.html")).contains("estado Aragua");
        assertThat(bodyText("national-abrego-garcia-hearing.html")).contains("Abrego Garcia's");
        assertThat(bodyText("elsalvador-abrego-garcia.html")).contains("Ábrego García");
    }

    @Test
    void demoConfigFollowsTheConfigContract() throws Exception {
        JsonNode config = yaml();
        assertThat(config.get("fetch").get("allowPrivateNetworks").asBoolean()).isTrue();
        List<String> feedIds = new ArrayList<>();
        config.get("feeds").forEach(f -> {
            feedIds.add(f.get("id").asText());
            String file = f.get("url").asText().replace("{{base}}/feeds/", "");
            assertThat(FEED_ID_BY_FILE.get(file)).as(f.get("url").asText()).isEqualTo(f.get("id").asText());
        });
        assertThat(feedIds).containsExactly("demo-wire", "demo-national", "demo-radio", "demo-elsalvador");
        JsonNode desk = config.get("subscriptions").get(0);
        assertThat(desk.get("id").asText()).isEqualTo("immigration-desk");
        assertThat(strings(desk, "entities")).containsExactlyInAnyOrderElementsOf(configEntities().keySet());
        assertThat(desk.get("deliver").get(0).has("console")).isTrue();
    }

    // --- a naive matcher, for the expectations above

    private static boolean mentions(String text, JsonNode entity) {
        String remaining = text;
        for (String exclusion : strings(entity, "exclusions")) {
            remaining = Pattern.compile(Pattern.quote(fold(exclusion)), Pattern.CASE_INSENSITIVE)
                    .matcher(fold(remaining)).replaceAll(" ");
        }
        String folded = fold(remaining);
        String lower = folded.toLowerCase(Locale.ROOT);
        List<String> anyCase = new ArrayList<>(strings(entity, "aliases"));
        anyCase.add(entity.get("name").asText());
        boolean hit = anyCase.stream().anyMatch(a -> wholeWord(lower, fold(a).toLowerCase(Locale.ROOT)))
                || strings(entity, "caseSensitiveAliases").stream().anyMatch(a -> wholeWord(folded, fold(a)));
        List<String> context = strings(entity, "context");
        return hit && (context.isEmpty()
                || context.stream().anyMatch(c -> wholeWord(lower, fold(c).toLowerCase(Locale.ROOT))));
    }

    private static boolean wholeWord(String text, String phrase) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(phrase) + "(?![\\p{L}\\p{N}])").matcher(text).find();
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").replace('’', '\'');
    }

    private static double similarity(String a, String b) {
        Set<String> sa = shingles(a);
        Set<String> sb = shingles(b);
        Set<String> both = new HashSet<>(sa);
        both.retainAll(sb);
        Set<String> either = new HashSet<>(sa);
        either.addAll(sb);
        return (double) both.size() / either.size();
    }

    private static Set<String> shingles(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
        Set<String> out = new HashSet<>();
        for (int i = 0; i + 3 <= words.length; i++) out.add(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2]);
        return out;
    }

    // --- resources

    /** Headline, dek and body of an article page: the text its expectations are about. */
    private static String bodyText(String file) throws IOException {
        Document page = Jsoup.parse(articleText(file));
        Element article = page.selectFirst("article");
        return article.select("h1").text() + "\n" + article.select(".dek").text() + "\n"
                + article.select(".story-body").text();
    }

    static List<String> articleFiles() throws IOException, URISyntaxException {
        URL dir = DemoContentTest.class.getResource("/demo/articles");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".html")).sorted().toList();
        }
    }

    private static List<String> manifestFiles() throws IOException {
        List<String> files = new ArrayList<>();
        manifest().get("articles").forEach(a -> files.add(a.get("file").asText()));
        return files;
    }

    private static JsonNode manifest() throws IOException {
        return JSON.readTree(DemoSite.readResource("manifest.json"));
    }

    private static JsonNode manifestEntry(String file) throws IOException {
        return article(file);
    }

    private static JsonNode article(String file) throws IOException {
        for (JsonNode a : manifest().get("articles")) {
            if (a.get("file").asText().equals(file)) return a;
        }
        throw new AssertionError("not in manifest: " + file);
    }

    private static JsonNode yaml() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(DemoSite.readResource("demo-config.yaml"));
    }

    private static Map<String, JsonNode> configEntities() throws IOException {
        Map<String, JsonNode> entities = new LinkedHashMap<>();
        yaml().get("entities").forEach(e -> entities.put(e.get("id").asText(), e));
        return entities;
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        if (node.has(field)) node.get(field).forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String feedText(String file) {
        return DemoSite.readResource("feeds/" + file);
    }

    private static String articleText(String file) {
        return DemoSite.readResource("articles/" + file);
    }

    private static DocumentBuilder strictXml() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }
}

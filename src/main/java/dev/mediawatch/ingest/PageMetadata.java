package dev.mediawatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mediawatch.kafka.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Reads title, byline, dates, language and canonical URL from a page's markup and JSON-LD. */
final class PageMetadata {

    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final DateTimeFormatter COMPACT_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]Z");

    private final Document doc;
    private final List<JsonNode> jsonLd;

    PageMetadata(Document doc) {
        this.doc = doc;
        this.jsonLd = readJsonLd(doc);
    }

    String title() {
        return first(() -> meta("meta[property=og:title]"), () -> text("h1"), () -> text("title")).orElse("");
    }

    String byline() {
        return first(() -> meta("meta[name=author]").filter(s -> !s.startsWith("http")),
                () -> text("[rel=author]"), () -> text(".byline"), this::jsonLdAuthor)
                .map(s -> s.replaceFirst("(?i)^by\\s+", "").trim())
                .filter(s -> !s.isEmpty())
                .orElse(null);
    }

    Instant publishedAt() {
        return first(() -> jsonLdText("datePublished"), () -> meta("meta[property=article:published_time]"),
                () -> meta("meta[itemprop=datePublished]"), () -> attr("time[datetime]", "datetime"))
                .map(PageMetadata::parseInstant)
                .orElse(null);
    }

    String language() {
        return first(() -> attr("html[lang]", "lang"), () -> meta("meta[http-equiv=content-language]"),
                () -> meta("meta[name=language]"), () -> meta("meta[property=og:locale]"))
                .map(s -> s.split("[-_,;\\s]")[0].toLowerCase(Locale.ROOT))
                .filter(s -> LANGUAGE.matcher(s).matches())
                .orElse(null);
    }

    /** The page's own canonical URL (link rel=canonical, then og:url), absolute; empty when it names none. */
    Optional<String> canonical() {
        return Stream.of(doc.selectFirst("link[rel=canonical][href]"), doc.selectFirst("meta[property=og:url][content]"))
                .filter(e -> e != null)
                .map(e -> e.hasAttr("href") ? e.absUrl("href") : e.absUrl("content"))
                .filter(s -> s.startsWith("http://") || s.startsWith("https://"))
                .findFirst();
    }

    /** Whether the page says it is an article: og:type, a JSON-LD *Article type, or an article element. */
    boolean saysArticle() {
        boolean og = meta("meta[property=og:type]").map(s -> s.equalsIgnoreCase("article")).orElse(false);
        boolean ld = jsonLd.stream().anyMatch(n -> n.path("@type").toString().contains("Article"));
        return og || ld || doc.selectFirst("article") != null;
    }

    /** JSON-LD says the content is for subscribers (the schema.org markup Google asks paywalled sites for). */
    boolean jsonLdPaywalled() {
        return jsonLd.stream().anyMatch(n -> n.path("isAccessibleForFree").asText("true").equalsIgnoreCase("false"));
    }

    private Optional<String> jsonLdText(String field) {
        return jsonLd.stream().map(n -> n.path(field)).filter(JsonNode::isTextual).map(JsonNode::asText)
                .filter(s -> !s.isBlank()).findFirst();
    }

    private Optional<String> jsonLdAuthor() {
        for (JsonNode node : jsonLd) {
            JsonNode author = node.path("author");
            List<String> names = new ArrayList<>();
            for (JsonNode a : author.isArray() ? author : List.of(author)) {
                String name = a.isTextual() ? a.asText() : a.path("name").asText("");
                if (!name.isBlank()) names.add(name.trim());
            }
            if (!names.isEmpty()) return Optional.of(String.join(", ", names));
        }
        return Optional.empty();
    }

    /** Every JSON-LD object on the page, arrays and {@code @graph}s flattened; broken blocks are skipped. */
    private static List<JsonNode> readJsonLd(Document doc) {
        List<JsonNode> nodes = new ArrayList<>();
        for (Element script : doc.select("script[type=application/ld+json]")) {
            try {
                flatten(Json.mapper().readTree(script.data()), nodes);
            } catch (Exception e) {
                // publishers ship invalid JSON-LD often enough; the markup still has the rest
            }
        }
        return nodes;
    }

    private static void flatten(JsonNode node, List<JsonNode> out) {
        if (node == null) return;
        if (node.isArray()) {
            node.forEach(n -> flatten(n, out));
        } else if (node.isObject()) {
            out.add(node);
            flatten(node.get("@graph"), out);
        }
    }

    static Instant parseInstant(String value) {
        String v = value.trim();
        List<Supplier<Instant>> parsers = List.of(
                () -> OffsetDateTime.parse(v).toInstant(),
                () -> OffsetDateTime.parse(v, COMPACT_OFFSET).toInstant(),
                () -> LocalDateTime.parse(v).toInstant(ZoneOffset.UTC),
                () -> LocalDate.parse(v.length() >= 10 ? v.substring(0, 10) : v).atStartOfDay().toInstant(ZoneOffset.UTC));
        for (Supplier<Instant> parser : parsers) {
            try {
                return parser.get();
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        return null;
    }

    private Optional<String> meta(String selector) {
        return attr(selector, "content");
    }

    private Optional<String> attr(String selector, String attribute) {
        Element e = doc.selectFirst(selector);
        return e == null ? Optional.empty() : nonBlank(e.attr(attribute));
    }

    private Optional<String> text(String selector) {
        Element e = doc.selectFirst(selector);
        return e == null ? Optional.empty() : nonBlank(e.text());
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    @SafeVarargs
    private static Optional<String> first(Supplier<Optional<String>>... sources) {
        for (Supplier<Optional<String>> source : sources) {
            Optional<String> value = source.get();
            if (value.isPresent()) return value;
        }
        return Optional.empty();
    }
}

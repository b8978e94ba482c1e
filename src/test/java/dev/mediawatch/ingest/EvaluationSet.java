package dev.mediawatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mediawatch.kafka.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The extraction evaluation set under {@code src/test/resources/extraction/}: {@code dev/} pages may be tuned on,
 * {@code heldout/} pages were written before the extractor was tuned and are only scored. Each {@code NAME.html} has a
 * sidecar {@code NAME.json} with the page URL, a note on the structure it reproduces, and the snippets that must and
 * must not appear in the main text.
 */
public final class EvaluationSet {

    public static final List<String> SPLITS = List.of("dev", "heldout");

    /** One page of the set. */
    public record Page(String split, String name, URI url, String contentType, byte[] html, String structure,
                       List<String> mustContain, List<String> mustNotContain) {
        public Page {
            Objects.requireNonNull(html, "html");
            if (mustContain.isEmpty() || mustNotContain.isEmpty()) {
                throw new IllegalArgumentException(name + ": needs mustContain and mustNotContain snippets");
            }
        }
    }

    private EvaluationSet() {
    }

    public static List<Page> all() {
        List<Page> pages = new ArrayList<>();
        for (String split : SPLITS) pages.addAll(split(split));
        return pages;
    }

    public static List<Page> split(String split) {
        Path dir = directory(split);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> html = files.filter(f -> f.toString().endsWith(".html")).sorted().toList();
            List<Page> pages = new ArrayList<>();
            for (Path f : html) pages.add(read(split, f));
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Page read(String split, Path htmlFile) throws IOException {
        String name = htmlFile.getFileName().toString().replaceFirst("\\.html$", "");
        JsonNode sidecar = Json.mapper().readTree(htmlFile.resolveSibling(name + ".json").toFile());
        return new Page(split, name, URI.create(sidecar.path("url").asText()),
                sidecar.path("contentType").isTextual() ? sidecar.path("contentType").asText() : null,
                Files.readAllBytes(htmlFile), sidecar.path("structure").asText(""),
                strings(sidecar.path("mustContain")), strings(sidecar.path("mustNotContain")));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Path directory(String split) {
        URL url = EvaluationSet.class.getResource("/extraction/" + split);
        if (url == null) throw new IllegalStateException("no evaluation split " + split + " on the test classpath");
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}

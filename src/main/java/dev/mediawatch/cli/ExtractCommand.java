package dev.mediawatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediawatch.ingest.ArticleExtractor;
import dev.mediawatch.ingest.ArticleIds;
import dev.mediawatch.ingest.ExtractedPage;
import dev.mediawatch.ingest.FetchPolicy;
import dev.mediawatch.ingest.HttpFetcher;
import dev.mediawatch.kafka.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mediawatch extract URL_OR_FILE... [--json]}: show what the poller would extract from pages. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Fetch pages (or read HTML files) and print the extracted article.")
public final class ExtractCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "URL_OR_FILE", description = "http(s) URLs or local HTML files")
    List<String> inputs;

    @Option(names = "--json", description = "one JSON object per input per line")
    boolean json;

    @Option(names = "--allow-private-networks", description = "allow loopback and private addresses")
    boolean allowPrivateNetworks;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ArticleExtractor extractor = new ArticleExtractor();
        boolean failed = false;
        try (HttpFetcher fetcher = new HttpFetcher(FetchPolicy.defaults(allowPrivateNetworks))) {
            for (String input : inputs) {
                try {
                    InputLoader.Loaded loaded = InputLoader.load(input, fetcher);
                    ExtractedPage page = extractor.extract(loaded.body(), loaded.contentType(), loaded.uri());
                    out.println(json ? toJson(input, page) : toText(input, page));
                } catch (Exception e) {
                    failed = true;
                    printError(input, e, out, err);
                }
                out.flush();
            }
        }
        return failed ? 1 : 0;
    }

    private void printError(String input, Exception e, PrintWriter out, PrintWriter err) throws JsonProcessingException {
        if (json) {
            ObjectNode node = Json.mapper().createObjectNode().put("input", input).put("error", InputLoader.describe(e));
            out.println(Json.mapper().writeValueAsString(node));
        } else {
            err.println("error: " + input + ": " + InputLoader.describe(e));
            err.flush();
        }
    }

    private static String toJson(String input, ExtractedPage page) throws JsonProcessingException {
        ObjectNode node = Json.mapper().createObjectNode()
                .put("url", input)
                .put("canonicalUrl", page.canonicalUrl())
                .put("articleId", ArticleIds.of(page.canonicalUrl()))
                .put("title", page.title())
                .put("byline", page.byline())
                .put("publishedAt", page.publishedAt() == null ? null : page.publishedAt().toString())
                .put("language", page.language())
                .put("truncated", page.truncated())
                .put("text", page.text());
        return Json.mapper().writeValueAsString(node);
    }

    private static String toText(String input, ExtractedPage page) {
        return String.join("\n",
                "== " + input,
                "canonical:  " + page.canonicalUrl(),
                "article id: " + ArticleIds.of(page.canonicalUrl()),
                "title:      " + page.title(),
                "byline:     " + orDash(page.byline()),
                "published:  " + orDash(page.publishedAt()),
                "language:   " + orDash(page.language()),
                "truncated:  " + page.truncated(),
                "",
                page.text(),
                "");
    }

    private static String orDash(Object value) {
        return value == null ? "-" : value.toString();
    }
}

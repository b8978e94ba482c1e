package dev.mediawatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediawatch.ingest.FeedEntry;
import dev.mediawatch.ingest.FeedParser;
import dev.mediawatch.ingest.FetchPolicy;
import dev.mediawatch.ingest.HttpFetcher;
import dev.mediawatch.ingest.ParsedFeed;
import dev.mediawatch.kafka.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mediawatch feeds check URL_OR_FILE... [--json]}: try a feed before adding it. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Fetch feeds (or read feed files) and print their entries, or why they cannot be read.")
public final class FeedsCheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "URL_OR_FILE", description = "http(s) feed URLs or local feed files")
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
        FeedParser parser = new FeedParser();
        boolean failed = false;
        try (HttpFetcher fetcher = new HttpFetcher(FetchPolicy.defaults(allowPrivateNetworks))) {
            for (String input : inputs) {
                ObjectNode result = Json.mapper().createObjectNode().put("input", input);
                try {
                    InputLoader.Loaded loaded = InputLoader.load(input, fetcher);
                    describe(parser.parse(loaded.body(), loaded.contentType(), loaded.uri()), result);
                } catch (Exception e) {
                    failed = true;
                    result.put("error", InputLoader.describe(e));
                }
                out.println(json ? Json.mapper().writeValueAsString(result) : toText(result));
                out.flush();
            }
        }
        return failed ? 1 : 0;
    }

    private static void describe(ParsedFeed feed, ObjectNode result) {
        result.put("title", feed.title());
        ArrayNode entries = result.putArray("entries");
        for (FeedEntry entry : feed.entries()) {
            entries.addObject()
                    .put("title", entry.title())
                    .put("link", entry.link())
                    .put("id", entry.id())
                    .put("published", entry.published() == null ? null : entry.published().toString());
        }
    }

    private static String toText(ObjectNode result) {
        StringBuilder sb = new StringBuilder("== ").append(result.get("input").asText()).append('\n');
        if (result.has("error")) return sb.append("error: ").append(result.get("error").asText()).toString();
        sb.append(result.get("title").asText()).append(" (").append(result.get("entries").size()).append(" entries)");
        for (var entry : result.get("entries")) {
            sb.append("\n  ").append(entry.path("published").asText("-"))
                    .append("  ").append(entry.path("title").asText())
                    .append("\n      ").append(entry.path("link").asText("(no link)"));
        }
        return sb.toString();
    }
}

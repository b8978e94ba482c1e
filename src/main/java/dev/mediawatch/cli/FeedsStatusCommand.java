package dev.mediawatch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediawatch.kafka.Json;
import dev.mediawatch.model.FeedSource;
import dev.mediawatch.model.FeedStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mediawatch feeds status [--json]}: every registered feed's health, from {@code mediawatch.feed-status}. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each feed's health: last result, last success, last error, failures, items, next poll.")
final class FeedsStatusCommand extends RegistryCommand {
    private static final int ERROR_WIDTH = 60;

    @Option(names = "--json", description = "one JSON object per feed per line")
    boolean json;

    @Override
    int run(RegistryAccess registry) throws Exception {
        Map<String, FeedSource> feeds = registry.feeds();
        Map<String, FeedStatus> statuses = registry.statuses();
        TextTable table = new TextTable("FEED", "RESULT", "LAST SUCCESS", "LAST ERROR", "FAILURES", "ITEMS",
                "NEXT POLL");
        for (FeedSource f : feeds.values()) {
            FeedStatus s = statuses.get(f.id());
            if (s != null && !f.url().equals(s.url())) s = null; // the status of an earlier URL says nothing now
            if (json) {
                out().println(Json.mapper().writeValueAsString(jsonRow(f, s)));
            } else if (s == null) {
                table.row(f.id(), "never polled", null, null, 0, 0, null);
            } else {
                table.row(f.id(), s.result(), time(s.lastSuccessAt()), shorten(s.lastError()),
                        s.consecutiveFailures(), s.itemsSeen(), time(s.nextPollAt()));
            }
        }
        if (json) out().flush();
        else table.print(out());
        return Main.OK;
    }

    private static ObjectNode jsonRow(FeedSource f, FeedStatus s) {
        ObjectNode row = Json.mapper().createObjectNode().put("feed", f.id()).put("outlet", f.outlet())
                .put("url", f.url());
        if (s == null) return row.put("result", "never-polled").put("healthy", true);
        return row.put("result", s.result()).put("healthy", s.healthy())
                .put("lastPollAt", text(s.lastPollAt())).put("lastSuccessAt", text(s.lastSuccessAt()))
                .put("lastError", s.lastError()).put("consecutiveFailures", s.consecutiveFailures())
                .put("itemsSeen", s.itemsSeen()).put("nextPollAt", text(s.nextPollAt()))
                .put("interval", s.interval() == null ? null : s.interval().toString());
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }

    private static String time(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String shorten(String error) {
        if (error == null) return null;
        String oneLine = error.replaceAll("\\s+", " ");
        return oneLine.length() <= ERROR_WIDTH ? oneLine : oneLine.substring(0, ERROR_WIDTH - 1) + "…";
    }
}

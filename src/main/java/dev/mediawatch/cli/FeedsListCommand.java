package dev.mediawatch.cli;

import dev.mediawatch.config.Durations;
import dev.mediawatch.kafka.Json;
import dev.mediawatch.model.FeedSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mediawatch feeds list [--json]}: the registered feeds. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the registered feeds.")
final class FeedsListCommand extends RegistryCommand {
    @Option(names = "--json", description = "one JSON object per feed per line, as on mediawatch.feeds")
    boolean json;

    @Override
    int run(RegistryAccess registry) throws Exception {
        var feeds = registry.feeds().values();
        if (json) {
            for (FeedSource f : feeds) out().println(Json.mapper().writeValueAsString(f));
            out().flush();
            return Main.OK;
        }
        TextTable table = new TextTable("ID", "OUTLET", "INTERVAL", "URL");
        for (FeedSource f : feeds) {
            table.row(f.id(), f.outlet(), f.interval() == null ? "default" : Durations.format(f.interval()), f.url());
        }
        table.print(out());
        return Main.OK;
    }
}

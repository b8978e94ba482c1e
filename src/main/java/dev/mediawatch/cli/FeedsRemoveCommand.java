package dev.mediawatch.cli;

import dev.mediawatch.kafka.Topics;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code mediawatch feeds remove ID...}: delete feeds (tombstones in the registry and in the status topic). */
@Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove feeds from the registry.")
final class FeedsRemoveCommand extends RegistryCommand {
    @Parameters(arity = "1..*", paramLabel = "ID", description = "ids of the feeds to remove")
    List<String> ids;

    @Override
    int run(RegistryAccess registry) throws Exception {
        Set<String> known = registry.feeds().keySet();
        int exit = Main.OK;
        for (String id : ids) {
            if (!known.contains(id)) {
                err().println("mediawatch: no feed with id " + id);
                exit = Main.FAILURE;
                continue;
            }
            registry.write(Topics.FEEDS, id, null);
            // The poller stops at the registry tombstone; the status goes too, so compaction forgets the feed.
            registry.write(Topics.FEED_STATUS, id, null);
            out().println("removed " + id);
        }
        out().flush();
        err().flush();
        return exit;
    }
}

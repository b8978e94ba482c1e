package dev.mediawatch.cli;

import picocli.CommandLine.Command;

/** {@code mediawatch feeds}: the feed registry on the cluster, feed health, OPML, and feed checks. */
@Command(name = "feeds", mixinStandardHelpOptions = true,
        description = "The feed registry: list, add, remove, status, import-opml, export-opml; and check.",
        subcommands = {FeedsListCommand.class, FeedsAddCommand.class, FeedsRemoveCommand.class,
                FeedsStatusCommand.class, FeedsImportOpmlCommand.class, FeedsExportOpmlCommand.class,
                FeedsCheckCommand.class})
final class FeedsCommand {
}

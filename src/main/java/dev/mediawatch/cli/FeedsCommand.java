package dev.mediawatch.cli;

import picocli.CommandLine.Command;

/** {@code mediawatch feeds}: the feed registry and feed checks. */
@Command(name = "feeds", mixinStandardHelpOptions = true, description = "Feeds: check (more to come: list, add, remove, status, OPML).",
        subcommands = {FeedsCheckCommand.class})
final class FeedsCommand {
}

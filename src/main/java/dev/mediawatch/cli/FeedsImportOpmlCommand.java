package dev.mediawatch.cli;

import dev.mediawatch.ingest.Opml;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.FeedSource;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code mediawatch feeds import-opml FILE [--dry-run]}: add the feeds of a feed reader's OPML export.
 * Feeds whose URL is already registered are left alone, so importing twice changes nothing.
 */
@Command(name = "import-opml", mixinStandardHelpOptions = true,
        description = "Add the feeds of an OPML file (folders are flattened; feeds already registered are skipped).")
final class FeedsImportOpmlCommand extends RegistryCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "an OPML file, as feed readers export them")
    Path file;

    @Option(names = "--dry-run", description = "print what would be added, add nothing")
    boolean dryRun;

    @Override
    int run(RegistryAccess registry) throws Exception {
        List<Opml.Outline> outlines;
        try {
            outlines = Opml.read(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (Opml.OpmlException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
        Map<String, FeedSource> existing = registry.feeds();
        Set<String> knownUrls = existing.values().stream().map(FeedSource::url).collect(Collectors.toSet());
        Set<String> seenUrls = new HashSet<>(knownUrls);
        List<Opml.Outline> fresh = outlines.stream().filter(o -> seenUrls.add(o.xmlUrl().strip())).toList();
        List<FeedSource> feeds = Opml.toFeeds(fresh, new HashSet<>(existing.keySet()));
        for (FeedSource f : feeds) {
            if (!dryRun) registry.write(Topics.FEEDS, f.id(), f);
            out().println((dryRun ? "would add " : "added ") + f.id() + " " + f.url());
        }
        out().printf("%d feeds in %s: %d %s, %d already registered or repeated, %d not http(s)%n", outlines.size(),
                file.getFileName(), feeds.size(), dryRun ? "to add" : "added", outlines.size() - fresh.size(),
                fresh.size() - feeds.size());
        out().flush();
        return Main.OK;
    }
}

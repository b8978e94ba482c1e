package dev.mediawatch.cli;

import dev.mediawatch.ingest.Opml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code mediawatch feeds export-opml [--output FILE]}: the registry as OPML 2.0, for any feed reader. */
@Command(name = "export-opml", mixinStandardHelpOptions = true,
        description = "Write the registered feeds as OPML 2.0 (to standard output unless --output is given).")
final class FeedsExportOpmlCommand extends RegistryCommand {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to this file instead")
    Path output;

    @Override
    int run(RegistryAccess registry) throws Exception {
        String opml = Opml.write(List.copyOf(registry.feeds().values()), "mediawatch feeds",
                ZonedDateTime.now(ZoneOffset.UTC));
        if (output != null) {
            Files.writeString(output, opml, StandardCharsets.UTF_8);
        } else {
            out().print(opml);
            out().flush();
        }
        return Main.OK;
    }
}

package dev.mediawatch.cli;

import dev.mediawatch.kafka.Json;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.Entity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mediawatch entities add|remove|list}: the watchlist in {@code mediawatch.entities}. */
@Command(name = "entities", mixinStandardHelpOptions = true,
        description = "The watchlist: entities matched in every article (applies to the next article, no restart).",
        subcommands = {EntitiesCommand.Add.class, EntitiesCommand.Remove.class, EntitiesCommand.ListEntities.class})
final class EntitiesCommand {
    static final String ID_PATTERN = "[a-z0-9][a-z0-9._-]*";

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add or replace an entity.")
    static final class Add implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;
        @Option(names = "--id", required = true, description = "Stable id, lower-case, e.g. abrego-garcia.")
        String id;
        @Option(names = "--name", required = true, description = "Display name; matched as an alias too.")
        String name;
        @Option(names = "--type", defaultValue = "other", description = "person, place, facility, law, organization...")
        String type;
        @Option(names = "--alias", description = "Another name (repeatable).")
        List<String> aliases = new ArrayList<>();
        @Option(names = "--case-sensitive-alias", description = "An acronym matched only in this case (repeatable).")
        List<String> caseSensitive = new ArrayList<>();
        @Option(names = "--context", description = "A term that must occur for a match to count (repeatable).")
        List<String> context = new ArrayList<>();
        @Option(names = "--exclusion", description = "A phrase that cancels matches it overlaps (repeatable).")
        List<String> exclusions = new ArrayList<>();
        @Option(names = "--wikidata", description = "Wikidata item, e.g. Q324546.")
        String wikidata;

        @Override
        public Integer call() throws Exception {
            if (!id.matches(ID_PATTERN)) throw new IllegalArgumentException("--id: '" + id + "' must match " + ID_PATTERN);
            if (wikidata != null && !wikidata.matches("Q[0-9]+")) {
                throw new IllegalArgumentException("--wikidata: '" + wikidata + "' is not a Wikidata item id (Q123)");
            }
            Entity e = new Entity(id, name, type.toLowerCase(java.util.Locale.ROOT), aliases, caseSensitive, context,
                    exclusions, wikidata);
            RegistryTopics.write(kafka.resolve(), Topics.ENTITIES, id, e);
            System.out.println("entity " + id + " saved");
            return Main.OK;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an entity.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws Exception {
            RegistryTopics.write(kafka.resolve(), Topics.ENTITIES, id, null);
            System.out.println("entity " + id + " removed");
            return Main.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the watchlist.")
    static final class ListEntities implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;
        @Option(names = "--json", description = "One JSON object per line.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            Map<String, Entity> all = RegistryTopics.read(kafka.resolve(), Topics.ENTITIES);
            for (Entity e : all.values()) {
                if (json) System.out.println(Json.mapper().writeValueAsString(e));
                else System.out.printf("%-22s %-12s %-28s %s%n", e.id(), e.type(), e.name(), String.join("; ", e.aliases()));
            }
            return Main.OK;
        }
    }
}

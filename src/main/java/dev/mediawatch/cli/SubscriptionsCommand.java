package dev.mediawatch.cli;

import dev.mediawatch.enrich.query.QueryParseException;
import dev.mediawatch.enrich.query.QueryParser;
import dev.mediawatch.kafka.Json;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.Channel;
import dev.mediawatch.model.Subscription;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mediawatch subscriptions add|remove|list}: who follows what, in {@code mediawatch.subscriptions}. */
@Command(name = "subscriptions", mixinStandardHelpOptions = true,
        description = "Subscriptions: entities and boolean queries followed, and where alerts go.",
        subcommands = {SubscriptionsCommand.Add.class, SubscriptionsCommand.Remove.class,
                SubscriptionsCommand.ListSubscriptions.class})
final class SubscriptionsCommand {

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add or replace a subscription.")
    static final class Add implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;
        @Option(names = "--id", required = true, description = "Subscription id, e.g. immigration-desk.")
        String id;
        @Option(names = "--entity", description = "An entity id to follow (repeatable).")
        List<String> entities = new ArrayList<>();
        @Option(names = "--query", description = "A boolean query, e.g. '\"Abrego Garcia\" AND (court OR judge)'.")
        String query;
        @Option(names = "--console", description = "Deliver to the console of the deliver role.")
        boolean console;
        @Option(names = "--slack-webhook-url", description = "Deliver to this Slack incoming webhook; '$${VAR}' is stored as the reference and resolved by the dispatcher.")
        String slack;
        @Option(names = "--webhook-url", description = "Deliver to this signed webhook (a '$${VAR}' reference is resolved by the dispatcher).")
        String webhook;
        @Option(names = "--webhook-secret", description = "Signing secret of --webhook-url (whsec_...; a '$${VAR}' reference is resolved by the dispatcher).")
        String webhookSecret;

        @Override
        public Integer call() throws Exception {
            if (!id.matches(EntitiesCommand.ID_PATTERN)) {
                throw new IllegalArgumentException("--id: '" + id + "' must match " + EntitiesCommand.ID_PATTERN);
            }
            if (entities.isEmpty() && (query == null || query.isBlank())) {
                throw new IllegalArgumentException("give --entity or --query (or both)");
            }
            if (query != null) {
                try {
                    QueryParser.parse(query);
                } catch (QueryParseException e) {
                    throw new IllegalArgumentException("--query does not parse: " + e.getMessage());
                }
            }
            RegistryTopics.write(kafka.resolve(), Topics.SUBSCRIPTIONS, id,
                    new Subscription(id, entities, query, channels()));
            System.out.println("subscription " + id + " saved");
            return Main.OK;
        }

        private List<Channel> channels() {
            List<Channel> channels = new ArrayList<>();
            if (console) channels.add(Channel.console());
            if (slack != null) channels.add(new Channel("slack", Map.of("webhookUrl", slack)));
            if (webhook != null) {
                Map<String, String> settings = new LinkedHashMap<>();
                settings.put("url", webhook);
                if (webhookSecret != null) settings.put("secret", webhookSecret);
                channels.add(new Channel("webhook", settings));
            }
            return channels;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a subscription.")
    static final class Remove implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        public Integer call() throws Exception {
            RegistryTopics.write(kafka.resolve(), Topics.SUBSCRIPTIONS, id, null);
            System.out.println("subscription " + id + " removed");
            return Main.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List subscriptions (channel types only: webhook URLs and secrets are never shown).")
    static final class ListSubscriptions implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;
        @Option(names = "--json", description = "One JSON object per line.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            for (Subscription s : RegistryTopics.read(kafka.resolve(), Topics.SUBSCRIPTIONS).values()) {
                List<String> channels = s.deliver().stream().map(Channel::type).toList();
                if (json) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", s.id());
                    row.put("entities", s.entities());
                    if (s.query() != null) row.put("query", s.query());
                    row.put("deliver", channels);
                    System.out.println(Json.mapper().writeValueAsString(row));
                } else {
                    System.out.printf("%-20s %-40s %-40s %s%n", s.id(), String.join(",", s.entities()),
                            s.query() == null ? "" : s.query(), String.join(",", channels));
                }
            }
            return Main.OK;
        }
    }
}

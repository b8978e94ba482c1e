package dev.mediawatch.cli;

import dev.mediawatch.deliver.DeliveryLog;
import dev.mediawatch.deliver.DeliveryQuery;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.Delivery;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code mediawatch deliveries}: the latest delivery outcomes from the audit trail {@code mediawatch.deliveries}. */
@Command(name = "deliveries", mixinStandardHelpOptions = true,
        description = "List recent delivery outcomes (newest first) from mediawatch.deliveries.")
final class DeliveriesCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Option(names = "--alert", paramLabel = "ID", description = "Only this alert.")
    String alert;

    @Option(names = "--subscription", paramLabel = "ID", description = "Only alerts of this subscription.")
    String subscription;

    @Option(names = "--status", paramLabel = "STATUS",
            description = "Only this status: delivered, failed, retrying, disabled, pending-digest.")
    String status;

    @Option(names = "--channel", paramLabel = "KEY_OR_TYPE", description = "Only this channel key or channel type.")
    String channel;

    @Option(names = "--limit", paramLabel = "N", description = "At most N outcomes (default: ${DEFAULT-VALUE}).")
    int limit = DeliveryQuery.DEFAULT_LIMIT;

    @Option(names = "--json", description = "One JSON object per line, as on the topic.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        DeliveryQuery query = new DeliveryQuery(alert, subscription, status, channel, limit);
        PrintWriter out = spec.commandLine().getOut();
        try (DeliveryLog log = new DeliveryLog(kafka.resolve(), null).start()) {
            if (!log.awaitCaughtUp(Duration.ofSeconds(30))) {
                spec.commandLine().getErr().println("mediawatch deliveries: could not read "
                        + Topics.DELIVERIES.name() + " within 30 s");
                return Main.FAILURE;
            }
            List<Delivery> found = query.apply(log.all());
            if (json) {
                for (Delivery d : found) out.println(dev.mediawatch.kafka.Json.mapper().writeValueAsString(d));
            } else {
                print(out, found);
            }
            out.flush();
        }
        return Main.OK;
    }

    private static void print(PrintWriter out, List<Delivery> found) {
        if (found.isEmpty()) {
            out.println("no deliveries found");
            return;
        }
        out.println(String.format(Locale.ROOT, "%-20s  %-14s  %-20s  %-24s  %-8s  %s", "TIME", "STATUS",
                "CHANNEL", "SUBSCRIPTION", "ATTEMPTS", "ALERT / ERROR"));
        for (Delivery d : found) {
            String tail = d.alertId() + (d.error() == null ? "" : "  " + d.error());
            out.println(String.format(Locale.ROOT, "%-20s  %-14s  %-20s  %-24s  %-8d  %s",
                    d.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), d.status(), d.channelKey(),
                    d.subscriptionId() == null ? "" : d.subscriptionId(), d.attempts(), tail));
        }
    }
}

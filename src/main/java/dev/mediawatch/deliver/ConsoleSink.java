package dev.mediawatch.deliver;

import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Channel;
import java.io.PrintStream;
import java.util.List;

/** The {@code console} channel: alerts printed to standard output, one block each. */
public final class ConsoleSink implements Sink {
    private final PrintStream out;

    public ConsoleSink(PrintStream out) {
        this.out = out;
    }

    @Override
    public String type() {
        return "console";
    }

    @Override
    public void send(Alert alert, Channel channel) {
        synchronized (out) {
            out.print(AlertFormat.human(alert));
            out.println();
            out.flush();
        }
    }

    @Override
    public void sendDigest(List<Alert> alerts, String heading, String batchId, Channel channel) {
        synchronized (out) {
            out.print(AlertFormat.digest(alerts, heading));
            out.println();
            out.flush();
        }
    }
}

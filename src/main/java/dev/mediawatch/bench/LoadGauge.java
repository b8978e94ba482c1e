package dev.mediawatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/** The machine's load average when a figure was taken: the machine may be shared, so each figure says how busy it was. */
final class LoadGauge {
    private LoadGauge() {
    }

    /** The 1, 5 and 15 minute load averages as {@code uptime} prints them, or the JVM's 1-minute figure off Linux. */
    static String now() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}

package dev.mediawatch;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code prometheus} package (promtool and the server), found on the PATH. CI installs it
 * ({@code .ci/run}); where it is absent, tests that need it are skipped, not failed.
 */
public final class PrometheusTools {
    private PrometheusTools() {
    }

    /** The executable on the PATH, if any. */
    public static Optional<Path> find(String name) {
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    /** The executable, or the test is skipped with a note saying how to get it. */
    public static Path require(String name) {
        Optional<Path> tool = find(name);
        assumeTrue(tool.isPresent(), name + " not installed (apt-get install prometheus); .ci/run installs it");
        return tool.get();
    }

    /** What a run of {@code promtool args...} printed, with its exit code. */
    public record Result(int exitCode, String output) {
    }

    /** Runs promtool with {@code stdin} (may be null) and waits at most 60 s. */
    public static Result promtool(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(require("promtool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("promtool " + args[0] + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), out);
    }
}

package dev.mediawatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalErr;

    @BeforeEach
    void captureErr() {
        originalErr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreErr() {
        System.setErr(originalErr);
    }

    @Test
    void aBadConfigStopsStartUpWithExitCode2NamingFileKeyAndReason() throws Exception {
        Path config = Files.writeString(dir.resolve("desk.yaml"), """
                fetch:
                  minInterval: 10m
                  maxInterval: 5m
                """);

        int code = Main.execute("run", "--config", config.toString(), "--data-dir", dir.resolve("data").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("desk.yaml").contains("fetch.minInterval");
    }

    @Test
    void aMissingConfigFileIsBadUsage() {
        int code = Main.execute("run", "--config", dir.resolve("nope.yaml").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope.yaml");
    }

    @Test
    void anUnknownRoleIsBadUsage() throws Exception {
        Path config = Files.writeString(dir.resolve("ok.yaml"), "feeds: []\n");

        int code = Main.execute("run", "--config", config.toString(), "--roles", "poll,cook");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown role 'cook'");
    }

    @Test
    void anUnknownOptionIsBadUsage() {
        assertThat(Main.execute("run", "--no-such-option")).isEqualTo(2);
    }
}

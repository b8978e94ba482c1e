package dev.mediawatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.kafka.EmbeddedKafka;
import dev.mediawatch.kafka.TopicCatalog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCommandsIT {
    @TempDir
    static Path data;

    private static EmbeddedKafka broker;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = EmbeddedKafka.start(data, 0);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            TopicCatalog.load().apply(admin);
        }
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private int run(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--bootstrap-servers";
        all[args.length + 1] = broker.bootstrapServers();
        return Main.execute(all);
    }

    @Test
    void addsListsAndRemovesEntities() {
        assertThat(run("entities", "add", "--id", "tren-de-aragua", "--name", "Tren de Aragua", "--type",
                "organization", "--case-sensitive-alias", "TdA", "--context", "gang")).isZero();
        assertThat(run("entities", "list", "--json")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"id\":\"tren-de-aragua\"").contains("\"TdA\"");

        out.reset();
        assertThat(run("entities", "remove", "tren-de-aragua")).isZero();
        assertThat(run("entities", "list", "--json")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("tren-de-aragua\"");
    }

    @Test
    void refusesABadQueryWithItsPosition() {
        int code = run("subscriptions", "add", "--id", "courts", "--query", "court AND (judge OR", "--console");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--query does not parse").contains("position");
    }

    @Test
    void listsSubscriptionsWithoutTheirSecrets() {
        assertThat(run("subscriptions", "add", "--id", "desk", "--entity", "cecot", "--query", "court OR judge",
                "--slack-webhook-url", "https://hooks.slack.com/services/T000/B000/SECRETTOKEN")).isZero();
        assertThat(run("subscriptions", "list")).isZero();
        assertThat(run("subscriptions", "list", "--json")).isZero();

        String listed = out.toString(StandardCharsets.UTF_8);
        assertThat(listed).contains("desk").contains("court OR judge").contains("slack");
        assertThat(listed).doesNotContain("SECRETTOKEN").doesNotContain("hooks.slack.com");
    }
}

package dev.mediawatch.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the Kafka cluster answers: a {@code describeCluster} with a short timeout, its answer
 * cached for a few seconds so that a readiness probe polled every second costs the broker little
 * and never waits longer than the timeout.
 */
public final class BrokerProbe implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerProbe.class);

    private final Admin admin;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    private Instant checkedAt = Instant.MIN;
    private boolean answered;

    public BrokerProbe(String bootstrapServers, Duration timeout, Duration cacheFor, Clock clock) {
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
        int ms = (int) timeout.toMillis();
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "mediawatch-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms));
    }

    /** Two seconds to answer, remembered for five. */
    public static BrokerProbe of(String bootstrapServers) {
        return new BrokerProbe(bootstrapServers, Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
    }

    /** Whether the cluster answered within the timeout, at most {@code cacheFor} ago. */
    public synchronized boolean answers() {
        Instant now = clock.instant();
        if (checkedAt.plus(cacheFor).isAfter(now)) return answered;
        boolean before = answered;
        answered = describe();
        checkedAt = clock.instant();
        if (before != answered) LOG.info("Kafka cluster {}", answered ? "answers" : "does not answer");
        return answered;
    }

    private boolean describe() {
        try {
            String id = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return id != null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.debug("Kafka cluster did not answer: {}", e.toString());
            return false;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}

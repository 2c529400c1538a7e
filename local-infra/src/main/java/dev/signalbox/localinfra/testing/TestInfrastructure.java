package dev.signalbox.localinfra.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.signalbox.localinfra.LocalKafka;
import dev.signalbox.localinfra.LocalPostgres;
import dev.signalbox.localinfra.PostgresAdmin;

/**
 * The real Kafka broker and PostgreSQL server that integration tests run on, started once per test
 * JVM and shared by its test classes. Which ones, in this order:
 * <ol>
 *   <li>existing servers, when {@code SIGNALBOX_TEST_KAFKA_BOOTSTRAP_SERVERS} and
 *       {@code SIGNALBOX_TEST_POSTGRES_URL} (a JDBC URL to a database whose user may create
 *       databases; {@code SIGNALBOX_TEST_POSTGRES_USER} and {@code …_PASSWORD}) are set;</li>
 *   <li>Testcontainers (Kafka and PostgreSQL images), where a Docker engine answers;</li>
 *   <li>otherwise an in-JVM KRaft broker and an embedded PostgreSQL — so no test is ever skipped
 *       for lack of Docker.</li>
 * </ol>
 * Test classes isolate themselves with {@link #newDatabase(String)} and unique topic names from
 * {@link #uniqueName(String)}, instead of paying for a server each.
 */
public final class TestInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static volatile TestInfrastructure shared;

    private final String kind;
    private final String kafkaBootstrapServers;
    private final String adminJdbcUrl;
    private final String postgresUser;
    private final String postgresPassword;

    private TestInfrastructure(String kind, String kafkaBootstrapServers, String adminJdbcUrl, String postgresUser, String postgresPassword) {
        this.kind = kind;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.adminJdbcUrl = adminJdbcUrl;
        this.postgresUser = postgresUser;
        this.postgresPassword = postgresPassword;
    }

    /** The servers for this JVM, started on first use and stopped when the JVM exits. */
    public static TestInfrastructure shared() {
        TestInfrastructure current = shared;
        if (current == null) {
            synchronized (TestInfrastructure.class) {
                current = shared;
                if (current == null) {
                    current = start();
                    shared = current;
                }
            }
        }
        return current;
    }

    /** {@code external}, {@code testcontainers} or {@code embedded}: which path this run took. */
    public String kind() {
        return kind;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    public String postgresUser() {
        return postgresUser;
    }

    public String postgresPassword() {
        return postgresPassword;
    }

    /** A fresh database of its own for one test class; returns its JDBC URL. */
    public String newDatabase(String prefix) {
        String name = uniqueName(prefix).replace('.', '_').replace('-', '_');
        PostgresAdmin.createDatabaseIfAbsent(adminJdbcUrl, postgresUser, postgresPassword, name);
        return jdbcUrlOf(adminJdbcUrl, name);
    }

    /** The same server's URL for another database, keeping any connection parameters. */
    static String jdbcUrlOf(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String path = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String parameters = query < 0 ? "" : jdbcUrl.substring(query);
        return path.substring(0, path.lastIndexOf('/') + 1) + database + parameters;
    }

    /** A name no other test in this JVM (or an earlier run on a reused server) has used. */
    public static String uniqueName(String prefix) {
        String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        return prefix.toLowerCase(Locale.ROOT) + "_" + run + "_" + SEQUENCE.incrementAndGet();
    }

    /** Spring Boot properties that point an app at these servers and at {@code jdbcUrl}'s database. */
    public Map<String, Object> springProperties(String jdbcUrl) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", postgresUser);
        properties.put("spring.datasource.password", postgresPassword);
        return properties;
    }

    private static TestInfrastructure start() {
        String externalKafka = System.getenv("SIGNALBOX_TEST_KAFKA_BOOTSTRAP_SERVERS");
        String externalPostgres = System.getenv("SIGNALBOX_TEST_POSTGRES_URL");
        if (externalKafka != null && externalPostgres != null) {
            log.info("Tests use the existing Kafka {} and PostgreSQL {}", externalKafka, externalPostgres);
            return new TestInfrastructure("external", externalKafka, externalPostgres,
                    System.getenv().getOrDefault("SIGNALBOX_TEST_POSTGRES_USER", "postgres"),
                    System.getenv().getOrDefault("SIGNALBOX_TEST_POSTGRES_PASSWORD", ""));
        }
        if (DockerCheck.dockerAvailable()) {
            return ContainerInfrastructure.start();
        }
        return startEmbedded();
    }

    private static TestInfrastructure startEmbedded() {
        long started = System.nanoTime();
        Path root = temporaryDirectory();
        LocalPostgres postgres = LocalPostgres.start(root.resolve("postgres"), 0);
        LocalKafka kafka = LocalKafka.start(root.resolve("kafka"), 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            postgres.close();
            deleteQuietly(root);
        }, "signalbox-test-infrastructure-stop"));
        log.info("No Docker engine: tests run on an in-JVM KRaft broker and an embedded PostgreSQL (ready in {} ms)",
                (System.nanoTime() - started) / 1_000_000);
        return new TestInfrastructure("embedded", kafka.bootstrapServers(), postgres.jdbcUrl("postgres"), LocalPostgres.SUPERUSER, "");
    }

    static TestInfrastructure containers(String kafkaBootstrapServers, String adminJdbcUrl, String user, String password) {
        return new TestInfrastructure("testcontainers", kafkaBootstrapServers, adminJdbcUrl, user, password);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("signalbox-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // The JVM is exiting; a temporary directory left behind is the operating system's to clean.
            log.debug("could not delete {}", root, e);
        }
    }
}

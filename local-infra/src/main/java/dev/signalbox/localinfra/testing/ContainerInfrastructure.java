package dev.signalbox.localinfra.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** The Testcontainers path, taken only where a Docker engine answers. */
final class ContainerInfrastructure {

    private static final Logger log = LoggerFactory.getLogger(ContainerInfrastructure.class);
    static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    static final String POSTGRES_IMAGE = "postgres:17-alpine";

    private ContainerInfrastructure() {
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
    static TestInfrastructure start() {
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE)
                // Debezium reads the write-ahead log through a logical replication slot.
                .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=20", "-c", "max_wal_senders=20");
        kafka.start();
        postgres.start();
        log.info("Docker engine found: tests run on {} and {}", KAFKA_IMAGE, POSTGRES_IMAGE);
        return TestInfrastructure.containers(kafka.getBootstrapServers(), postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }
}

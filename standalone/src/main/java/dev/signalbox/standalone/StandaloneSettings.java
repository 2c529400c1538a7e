package dev.signalbox.standalone;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the standalone platform runs, from environment variables (the apps read the same ones).
 *
 * @param dataDirectory   where the embedded Kafka, PostgreSQL and Kafka Streams keep their data
 * @param kafkaBootstrapServers an existing Kafka to use instead of the embedded one, or null
 * @param postgresUrl     an existing PostgreSQL database (JDBC URL) to use instead of the embedded one, or null
 * @param demoFeed        whether to seed demo postings and keep posting new ones
 * @param appArguments    extra {@code --key=value} Spring arguments passed to every app
 */
record StandaloneSettings(
        Path dataDirectory,
        String kafkaBootstrapServers,
        String postgresUrl,
        String postgresUser,
        String postgresPassword,
        int gatewayPort,
        int ingestPort,
        int processorPort,
        boolean demoFeed,
        List<String> appArguments) {

    static StandaloneSettings fromEnvironment(Map<String, String> env, String[] args) {
        return new StandaloneSettings(
                Path.of(env.getOrDefault("SIGNALBOX_DATA_DIR", "signalbox-data")),
                env.get("SIGNALBOX_KAFKA_BOOTSTRAP_SERVERS"),
                env.get("SIGNALBOX_POSTGRES_URL"),
                env.getOrDefault("SIGNALBOX_POSTGRES_USER", "postgres"),
                env.getOrDefault("SIGNALBOX_POSTGRES_PASSWORD", ""),
                Integer.parseInt(env.getOrDefault("SIGNALBOX_GATEWAY_PORT", "8080")),
                Integer.parseInt(env.getOrDefault("SIGNALBOX_INGEST_PORT", "8081")),
                Integer.parseInt(env.getOrDefault("SIGNALBOX_PROCESSOR_PORT", "8082")),
                Boolean.parseBoolean(env.getOrDefault("SIGNALBOX_DEMO", "true")),
                List.of(args));
    }
}

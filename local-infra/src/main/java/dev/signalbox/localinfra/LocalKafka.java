package dev.signalbox.localinfra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real, single-node Kafka broker in KRaft mode (broker and controller in one), running inside
 * this JVM from the Kafka jars on the classpath: no Docker, no download, no second process.
 *
 * <p>Its log directory is formatted on first start and reused afterwards, so a standalone run
 * keeps its topics across restarts; tests give it a fresh temporary directory.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);
    private static final int NODE_ID = 1;
    /**
     * 1 (see {@link #formatIfNew}); a benchmark may ask for 2 with {@code -Dsignalbox.local-kafka.transaction-version=2}
     * to compare the two protocols' latency on this broker. Not for tests: under 2 they failed (below).
     */
    private static final String TRANSACTION_VERSION = System.getProperty("signalbox.local-kafka.transaction-version", "1");

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private LocalKafka(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats {@code dataDirectory} if it is new, then starts the broker.
     *
     * @param port the client port, or 0 for any free one
     */
    public static LocalKafka start(Path dataDirectory, int port) {
        int clientPort = FreePort.orFree(port);
        // The controller port is internal to this single node; it may change between runs because
        // a static voter set (controller.quorum.voters) is not written into the formatted log.
        int controllerPort = FreePort.find();
        Path logDirectory = dataDirectory.resolve("kraft-logs");
        Properties config = brokerConfig(logDirectory, clientPort, controllerPort);
        formatIfNew(dataDirectory, logDirectory, config);

        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, new Properties()), Time.SYSTEM);
        server.startup();
        String bootstrapServers = "127.0.0.1:" + clientPort;
        log.info("Kafka (KRaft, in-JVM) listening on {}, data in {}", bootstrapServers, logDirectory);
        return new LocalKafka(server, bootstrapServers);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka on {} stopped", bootstrapServers);
    }

    private static Properties brokerConfig(Path logDirectory, int clientPort, int controllerPort) {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", logDirectory.toString());
        // One node: every internal topic can only have one replica.
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        // Fewer internal partitions: faster first start on a small machine, and nothing to balance.
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.num.partitions", "5");
        // No reason to wait for more members before the first rebalance on a private broker.
        config.put("group.initial.rebalance.delay.ms", "0");
        return config;
    }

    private static void formatIfNew(Path dataDirectory, Path logDirectory, Properties config) {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDirectory);
            Path configFile = dataDirectory.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(configFile)) {
                config.store(out, "Signalbox local Kafka: written for the storage format step only");
            }
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            int exitCode = StorageTool.execute(
                    // Transactions version 1, the classic protocol (exactly-once works the same for
                    // Kafka Streams): under version 2 this broker failed commits of back-to-back
                    // transactions here with InvalidTxnStateException ("state is COMPLETE_COMMIT, but
                    // received transaction marker result to send: COMMIT"), a fatal producer error.
                    new String[] {"format", "--cluster-id", randomClusterId(), "--config", configFile.toString(), "--ignore-formatted",
                            "--feature", "transaction.version=" + TRANSACTION_VERSION},
                    new PrintStream(output, true, StandardCharsets.UTF_8));
            if (exitCode != 0) {
                throw new IllegalStateException("formatting Kafka storage in " + logDirectory + " failed: " + output.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare Kafka storage in " + logDirectory, e);
        }
    }

    private static String randomClusterId() {
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }
}

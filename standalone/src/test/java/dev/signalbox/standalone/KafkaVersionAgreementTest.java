package dev.signalbox.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.runtime.ConnectorConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;

import io.debezium.embedded.async.AsyncEmbeddedEngine;
import kafka.server.KafkaRaftServer;

/**
 * One Kafka for the whole platform: the clients, Kafka Streams, the Connect runtime Debezium runs
 * on, and the broker all come from the same release, next to the Spring Kafka and Debezium that
 * {@link JobBoardEndToEndTest} runs with them in this JVM.
 */
class KafkaVersionAgreementTest {

    private static final Pattern JAR_VERSION = Pattern.compile("-(\\d+\\.\\d+\\.\\d+)(?:\\.Final)?\\.jar$");

    @Test
    void everyKafkaJarIsTheSameRelease() {
        String clients = AppInfoParser.getVersion();
        assertThat(jarVersion(KafkaProducer.class)).isEqualTo(clients);
        assertThat(jarVersion(KafkaStreams.class)).isEqualTo(clients);
        assertThat(jarVersion(ConnectorConfig.class)).isEqualTo(clients);
        assertThat(jarVersion(KafkaRaftServer.class)).isEqualTo(clients);
        assertThat(jarVersion(KafkaTemplate.class)).startsWith("4.");
        assertThat(jarVersion(AsyncEmbeddedEngine.class)).startsWith("3.");
    }

    private static String jarVersion(Class<?> type) {
        String jar = type.getProtectionDomain().getCodeSource().getLocation().getPath();
        Matcher matcher = JAR_VERSION.matcher(jar);
        assertThat(matcher.find()).as("a versioned jar for %s: %s", type.getName(), jar).isTrue();
        return matcher.group(1);
    }
}

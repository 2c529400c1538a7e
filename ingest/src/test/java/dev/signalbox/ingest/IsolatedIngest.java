package dev.signalbox.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;

import dev.signalbox.localinfra.testing.TestInfrastructure;

/**
 * Ingest's settings for one test run on the shared servers: its own database, and a change-topic
 * prefix, slot, publication, offsets topic and engine name no other run uses.
 */
public final class IsolatedIngest {

    private IsolatedIngest() {
    }

    public static Map<String, Object> settings(TestInfrastructure infra, String database, String prefix) {
        Map<String, Object> settings = new LinkedHashMap<>(infra.springProperties(database));
        settings.put("server.port", 0);
        settings.put("signalbox.ingest.cdc.topic-prefix", prefix);
        settings.put("signalbox.ingest.cdc.slot-name", prefix);
        settings.put("signalbox.ingest.cdc.publication-name", prefix);
        settings.put("signalbox.ingest.cdc.offsets-topic", prefix + ".offsets");
        settings.put("signalbox.ingest.cdc.engine-name", prefix);
        settings.put("signalbox.ingest.cdc.outbox-topic-prefix", prefix + ".outbox");
        return settings;
    }

    /** As command-line arguments: they outrank the app's own configuration, as a deployment's do. */
    public static String[] arguments(Map<String, Object> settings) {
        return settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    public static ConfigurableApplicationContext run(Map<String, Object> settings) {
        return IngestApplication.builder().run(arguments(settings));
    }
}

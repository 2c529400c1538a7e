package dev.signalbox.standalone;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.signalbox.localinfra.testing.TestInfrastructure;

/**
 * The whole platform for one test class on the shared servers: a database of its own, and every
 * topic, slot, publication, offsets topic and Streams application id named for this run only, so
 * test classes never see each other's data.
 */
final class IsolatedPlatform {

    private IsolatedPlatform() {
    }

    /** Starts the platform for run {@code run}, with {@code extra} arguments after the isolating ones. */
    static Platform start(TestInfrastructure infra, Path dataDirectory, String run, boolean demo, List<String> extra) {
        String cdcPrefix = run + "_cdc";
        List<String> arguments = new ArrayList<>(List.of(
                "--signalbox.ingest.cdc.topic-prefix=" + cdcPrefix,
                "--signalbox.ingest.cdc.slot-name=" + run,
                "--signalbox.ingest.cdc.publication-name=" + run,
                "--signalbox.ingest.cdc.offsets-topic=" + run + ".offsets",
                "--signalbox.ingest.cdc.engine-name=" + run,
                "--signalbox.processor.cdc-prefix=" + cdcPrefix,
                "--signalbox.processor.output-prefix=" + run + ".",
                "--spring.kafka.streams.application-id=" + run));
        for (String domain : List.of("jobs", "sports", "transit", "notifications")) {
            arguments.add("--signalbox.gateway.live-topics." + domain + "=" + run + ".live." + domain);
        }
        arguments.addAll(extra);
        return Platform.start(new StandaloneSettings(dataDirectory, infra.kafkaBootstrapServers(), infra.newDatabase(run),
                infra.postgresUser(), infra.postgresPassword(), 0, 0, 0, demo, List.copyOf(arguments)));
    }
}

package dev.signalbox.standalone;

import java.util.concurrent.CountDownLatch;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform in one command: a real Kafka broker (KRaft) and a real PostgreSQL, ingest,
 * processor and gateway, with a demo job feed. Ctrl-C stops everything, in order.
 */
public final class Signalbox {

    private static final Logger log = LoggerFactory.getLogger(Signalbox.class);

    private Signalbox() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        StandaloneSettings settings = StandaloneSettings.fromEnvironment(System.getenv(), args);
        Platform platform = Platform.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping Signalbox…");
            platform.close();
            stopped.countDown();
        }, "signalbox-stop"));
        log.info("""

                  Signalbox is running (ready in {} s). Open the live job board:

                      http://localhost:{}/

                  Write API: http://localhost:{}/api/jobs   ·   Kafka: {}   ·   data: {}
                  Ctrl-C stops everything.
                """, (System.nanoTime() - started) / 1_000_000_000, platform.gatewayPort(), platform.ingestPort(),
                platform.kafkaBootstrapServers(), settings.dataDirectory().toAbsolutePath());
        stopped.await();
    }
}

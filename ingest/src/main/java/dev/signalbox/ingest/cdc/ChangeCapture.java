package dev.signalbox.ingest.cdc;

import java.io.IOException;
import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

import org.apache.kafka.connect.source.SourceRecord;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;

/**
 * Runs Debezium's embedded engine on one thread of its own for the life of the application and
 * closes it on shutdown, which flushes its offsets. Its health is up once the engine streams.
 */
final class ChangeCapture implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(ChangeCapture.class);

    enum State { STOPPED, STARTING, STREAMING, FAILED }

    private final java.util.Properties engineConfig;
    private final Supplier<ChangeTopicPublisher> publishers;
    private ChangeTopicPublisher publisher;
    private volatile State state = State.STOPPED;
    private volatile String failure;
    private DebeziumEngine<RecordChangeEvent<SourceRecord>> engine;
    private ExecutorService thread;

    /** @param publishers a new publisher for each start: each engine thread writes with its own */
    ChangeCapture(java.util.Properties engineConfig, Supplier<ChangeTopicPublisher> publishers) {
        this.engineConfig = engineConfig;
        this.publishers = publishers;
    }

    @Override
    public synchronized void start() {
        state = State.STARTING;
        publisher = publishers.get();
        // Connect's records, unconverted: the publisher writes their JSON itself (ConnectJson says why).
        engine = DebeziumEngine.create(ChangeEventFormat.of(Connect.class))
                .using(engineConfig)
                .using((success, message, error) -> {
                    if (!success) {
                        state = State.FAILED;
                        failure = message;
                        log.error("Change capture stopped: {}", message, error);
                    } else if (state != State.FAILED) {
                        state = State.STOPPED;
                    }
                })
                .notifying(publisher)
                .build();
        thread = Executors.newSingleThreadExecutor(runnable -> new Thread(runnable, "signalbox-cdc"));
        thread.execute(engine);
    }

    @Override
    public synchronized void stop() {
        if (engine == null) {
            return;
        }
        try {
            engine.close();
        } catch (IOException e) {
            log.warn("Change capture did not close cleanly", e);
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Change capture thread still running 30 s after close; interrupting it");
                thread.shutdownNow();
                if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("Change capture thread still running after an interrupt; its producer is closed under it");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Only now: a batch still being published would open a new producer on the closed factory.
        publisher.close();
        engine = null;
        state = State.STOPPED;
    }

    @Override
    public boolean isRunning() {
        return engine != null;
    }

    /**
     * STREAMING only once the initial snapshot is done and the replication stream is connected, as
     * Debezium's own streaming metrics report it: a snapshot cut short is redone from the start, so
     * it is not yet a safe point to call ready.
     */
    State state() {
        if (state == State.STARTING && streamingConnected()) {
            state = State.STREAMING;
            log.info("Change capture is streaming from slot {}", engineConfig.getProperty("slot.name"));
        }
        return state;
    }

    private boolean streamingConnected() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            for (ObjectName name : server.queryNames(new ObjectName("debezium.postgres:type=connector-metrics,context=streaming,*"), null)) {
                if (engineConfig.getProperty("topic.prefix").equals(name.getKeyProperty("server"))
                        && Boolean.TRUE.equals(server.getAttribute(name, "Connected"))) {
                    return true;
                }
            }
            return false;
        } catch (JMException e) {
            log.debug("Debezium's streaming metrics are not readable yet", e);
            return false;
        }
    }

    @Override
    public Health health() {
        return switch (state()) {
            case STREAMING -> Health.up().withDetail("state", state).build();
            case FAILED -> Health.down().withDetail("state", state).withDetail("error", String.valueOf(failure)).build();
            default -> Health.outOfService().withDetail("state", state).build();
        };
    }
}

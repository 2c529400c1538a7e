package dev.signalbox.ingest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.ConfigurableApplicationContext;

import dev.signalbox.events.Json;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import dev.signalbox.ingest.IsolatedIngest;
import dev.signalbox.localinfra.testing.BenchmarkMachine;
import dev.signalbox.localinfra.testing.TestInfrastructure;

/**
 * Benchmark, not a test: change capture's commit → Kafka latency at a steady 1,000 changes/s, and
 * the throughput of a 100,000-row bulk insert until its last change is in Kafka: the median of three,
 * after three unmeasured ones of the same size, so the bulk path runs compiled, as in a service that
 * has been up a while. Runs ingest in
 * this JVM on the same real broker and PostgreSQL the tests use. Run it with {@code bench/capture.sh}.
 */
public final class CaptureBenchmark {

    private static final int RATE_PER_SECOND = 1_000;
    private static final Duration WARM_UP = Duration.ofSeconds(20);
    private static final Duration MEASURE = Duration.ofSeconds(20);
    private static final int BULK_ROWS = 100_000;
    private static final int BULK_WARM_UPS = 3;
    private static final int BULK_MEASURED = 3;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path results = Path.of(args.length > 1 ? args[1] : "bench/results/capture.txt");
        TestInfrastructure infra = TestInfrastructure.shared();
        List<String> lines = new ArrayList<>();
        lines.add("# capture benchmark " + Instant.now() + " on " + BenchmarkMachine.describe() + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", infrastructure: " + infra.kind()
                + ", JVM options: " + String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        lines.add("# round p50_ms p90_ms p99_ms max_ms steady_changes bulk_rows bulk_seconds bulk_rows_per_s bulk_insert_seconds debezium_thread_cpu_us_per_row jvm_cpu_us_per_row");
        for (int round = 1; round <= rounds; round++) {
            lines.add(round + " " + runRound(infra));
            System.out.println(lines.get(lines.size() - 1));
        }
        summarize(lines);
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.write(results, lines);
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static String runRound(TestInfrastructure infra) throws Exception {
        String database = infra.newDatabase("bench");
        String prefix = TestInfrastructure.uniqueName("bench");
        String topic = prefix + ".public.notifications";
        Map<String, Object> properties = IsolatedIngest.settings(infra, database, prefix);
        properties.put("signalbox.ingest.cdc.tables", "public.notifications");
        properties.put("logging.level.root", "warn");
        try (ConfigurableApplicationContext ingest = IsolatedIngest.run(properties);
                KafkaConsumer<String, String> consumer = consumer(infra.kafkaBootstrapServers(), topic)) {
            awaitReady(ingest);
            String steady = steadyLatency(database, infra, consumer);
            MeterRegistry meters = ingest.getBean(MeterRegistry.class);
            // Warm-up: on 2 cores the JIT compiler still takes a good part of one for the first
            // bulk loads (the second ran at 25,000-30,000 rows/s, the fourth on at 31,000-33,000).
            for (int i = 0; i < BULK_WARM_UPS; i++) {
                bulkThroughput(database, infra, meters, topic);
            }
            List<String> bulks = new ArrayList<>();
            for (int i = 0; i < BULK_MEASURED; i++) {
                bulks.add(bulkThroughput(database, infra, meters, topic));
            }
            // The round's bulk figure is its median load by rows/s.
            bulks.sort(Comparator.comparingDouble(bulk -> Double.parseDouble(bulk.split(" ")[2])));
            System.out.println("bulk loads of the round (rows seconds rows/s insert-seconds debezium-thread-µs/row jvm-µs/row): " + bulks);
            return steady + " " + bulks.get(bulks.size() / 2);
        }
    }

    /** Inserts 1,000 rows a second, one transaction each; latency is commit returned → record polled. */
    private static String steadyLatency(String database, TestInfrastructure infra, KafkaConsumer<String, String> consumer) throws Exception {
        Map<Integer, Long> committedAt = new ConcurrentHashMap<>();
        AtomicInteger sequence = new AtomicInteger();
        int total = (int) ((WARM_UP.toSeconds() + MEASURE.toSeconds()) * RATE_PER_SECOND);
        int warmUpRows = (int) (WARM_UP.toSeconds() * RATE_PER_SECOND);
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        Connection connection = DriverManager.getConnection(database, infra.postgresUser(), infra.postgresPassword());
        PreparedStatement insert = connection.prepareStatement("insert into notifications (audience, title) values ('EVERYONE', ?)");
        // Ten rows every 10 ms: 1,000 a second, each in its own transaction.
        writer.scheduleAtFixedRate(() -> {
            try {
                for (int i = 0; i < RATE_PER_SECOND / 100 && sequence.get() < total; i++) {
                    int seq = sequence.incrementAndGet();
                    insert.setString(1, "s-" + seq);
                    insert.executeUpdate();
                    committedAt.put(seq, System.nanoTime());
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 0, 10, TimeUnit.MILLISECONDS);

        long[] latencies = new long[total - warmUpRows];
        int measured = 0;
        int received = 0;
        long deadline = System.nanoTime() + WARM_UP.plus(MEASURE).plusSeconds(60).toNanos();
        while (received < total && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                long now = System.nanoTime();
                int seq = Integer.parseInt(Json.MAPPER.readTree(record.value()).get("after").get("title").asString().substring(2));
                received++;
                Long committed = committedAt.get(seq);
                if (seq > warmUpRows && committed != null) {
                    latencies[measured++] = now - committed;
                }
            }
        }
        writer.shutdownNow();
        connection.close();
        long[] sorted = Arrays.copyOf(latencies, measured);
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.1f %.1f %.1f %.1f %d", ms(percentile(sorted, 50)), ms(percentile(sorted, 90)), ms(percentile(sorted, 99)),
                ms(sorted[sorted.length - 1]), measured);
    }

    /**
     * One transaction inserts 100,000 rows; the clock stops when Kafka has acknowledged the change
     * event of the last of them (ingest's own count of acknowledged changes on the topic). Also
     * reported: how long the insert itself took, to its commit, since PostgreSQL hands a
     * transaction to logical decoding only once it commits; and the CPU time per row of Debezium's
     * streaming thread (which decodes, converts and queues each change, one at a time) and of the
     * whole JVM (ingest, the publisher, the in-JVM broker when the tests run one, and this loop).
     */
    private static String bulkThroughput(String database, TestInfrastructure infra, MeterRegistry meters, String topic) throws Exception {
        double before = published(meters, topic);
        long debeziumCpuBefore = debeziumStreamingCpuNanos();
        long jvmCpuBefore = jvmCpuNanos();
        long started = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(database, infra.postgresUser(), infra.postgresPassword());
                Statement statement = connection.createStatement()) {
            statement.execute("insert into notifications (audience, title) select 'EVERYONE', 'b-' || g from generate_series(1, " + BULK_ROWS + ") g");
        }
        double insertSeconds = (System.nanoTime() - started) / 1e9;
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (published(meters, topic) - before < BULK_ROWS && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long acknowledged = (long) (published(meters, topic) - before);
        double debeziumMicrosPerRow = (debeziumStreamingCpuNanos() - debeziumCpuBefore) / 1e3 / acknowledged;
        double jvmMicrosPerRow = (jvmCpuNanos() - jvmCpuBefore) / 1e3 / acknowledged;
        return String.format(Locale.ROOT, "%d %.2f %.0f %.2f %.1f %.1f", acknowledged, seconds, acknowledged / seconds, insertSeconds,
                debeziumMicrosPerRow, jvmMicrosPerRow);
    }

    /** CPU time of the thread Debezium's PostgreSQL connector streams on (named after its coordinator). */
    private static long debeziumStreamingCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().contains("change-event-source-coordinator")) {
                nanos += Math.max(0, threads.getThreadCpuTime(thread.getThreadId()));
            }
        }
        return nanos;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double published(MeterRegistry meters, String topic) {
        Counter counter = meters.find("signalbox.cdc.events.published").tag("topic", topic).counter();
        return counter == null ? 0 : counter.count();
    }

    private static KafkaConsumer<String, String> consumer(String bootstrapServers, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                // Hand records over as soon as there are any: latency, not batching.
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5));
        List<TopicPartition> partitions = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (partitions.isEmpty() && System.nanoTime() < deadline) {
            consumer.partitionsFor(topic, Duration.ofSeconds(5)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static void awaitReady(ConfigurableApplicationContext ingest) throws IOException {
        var health = ingest.getBean("changeCapture", org.springframework.boot.health.contributor.HealthIndicator.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!"UP".equals(health.health().getStatus().getCode())) {
            if (System.nanoTime() > deadline) {
                throw new IOException("change capture never started streaming");
            }
            Thread.onSpinWait();
        }
    }

    private static void summarize(List<String> lines) {
        List<double[]> rows = lines.stream().filter(l -> !l.startsWith("#"))
                .map(l -> Arrays.stream(l.split(" ")).mapToDouble(Double::parseDouble).toArray()).toList();
        String[] names = {"", "p50 ms", "p90 ms", "p99 ms", "max ms", "", "", "bulk s", "bulk rows/s", "bulk insert s",
            "Debezium's streaming thread, CPU µs per row", "JVM CPU µs per row"};
        for (int column : new int[] {1, 2, 3, 4, 7, 8, 9, 10, 11}) {
            double[] values = rows.stream().mapToDouble(r -> r[column]).sorted().toArray();
            lines.add(String.format(Locale.ROOT, "# %s: median %.1f, min %.1f, max %.1f (%d rounds)", names[column], values[values.length / 2], values[0],
                    values[values.length - 1], values.length));
        }
    }

    private static long percentile(long[] sorted, int percent) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private CaptureBenchmark() {
    }
}

package dev.signalbox.processor.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

import com.google.transit.realtime.GtfsRealtime;
import com.google.transit.realtime.GtfsRealtime.TripDescriptor;
import com.google.transit.realtime.GtfsRealtime.TripUpdate;
import com.google.transit.realtime.GtfsRealtime.VehicleDescriptor;

import dev.signalbox.events.Topics;
import dev.signalbox.events.transit.FeedEntity;
import dev.signalbox.localinfra.testing.BenchmarkMachine;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import dev.signalbox.processor.ProcessorProperties;
import dev.signalbox.processor.testing.Changes;
import dev.signalbox.processor.transit.TransitTopology;

/**
 * Benchmark, not a test: the transit topology (the production {@link TransitTopology#build}) with
 * exactly-once on, one stream thread, on the real broker the tests use, in this JVM. A first round
 * warms the JVM and is not counted.
 * <ul>
 * <li>throughput: a backlog of trip updates (each naming {@link #STOPS_PER_UPDATE} stops of a
 * scheduled trip, joined with a schedule of {@value #TRIPS} trips) processed as fast as it goes;
 * the first quarter warms the JIT and is not measured;</li>
 * <li>latency: trip updates at a steady {@value #RATE_PER_SECOND}/s, each moving a delay by a
 * minute so each is news; from the update's send (its record timestamp, which its predictions
 * keep) to its prediction being read, committed, from the live topic.</li>
 * </ul>
 * Each configuration is one {@code commit.interval.ms}; {@code -Dguarantee=at_least_once} measures the same
 * without exactly-once. {@code -Dtopology=floor} runs, in the transit topology's place, the least a
 * topology can do with the same trip updates, settings and broker: each read and written once to the
 * live topic (keyed as a stop channel, so latency is measured the same way), no state, no join: what
 * Kafka Streams itself costs here, the bound under any topology's figures. CPU time per update is
 * taken from the JVM: the stream thread's, the whole process's (broker and load generator included), and the
 * garbage collector's threads'; records
 * written per update from the end offsets of every topic the topology writes (live, state, changelog, repartition).
 * Run it with {@code bench/transit.sh}.
 */
public final class TransitBenchmark {

    private static final int ROUTES = 100;
    private static final int STOPS = 2_000;
    static final int TRIPS = 5_000;
    static final int STOPS_PER_TRIP = 20;
    /**
     * Stop time updates per trip update: 3 unless {@code -DstopsPerUpdate} says otherwise. Real feeds name
     * more (the MBTA's: 523 in 49 trip updates, about 11 each), each a schedule lookup and maybe a prediction.
     */
    static final int STOPS_PER_UPDATE = Integer.getInteger("stopsPerUpdate", 3);
    static final int BACKLOG = 200_000;
    private static final int RATE_PER_SECOND = 1_000;
    private static final Duration LATENCY_WARM_UP = Duration.ofSeconds(10);
    private static final Duration LATENCY_MEASURE = Duration.ofSeconds(20);
    private static final String FEED = "bench";
    static final long SERVICE_DAY_START = Instant.parse("2026-11-24T00:00:00Z").getEpochSecond();

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path results = Path.of(args.length > 1 ? args[1] : "bench/results/transit.txt");
        List<Integer> commitIntervals = args.length > 2 ? Arrays.stream(args[2].split(",")).map(Integer::valueOf).toList() : List.of(50, 20, 100);
        String topology = System.getProperty("topology", "transit");
        if (STOPS_PER_UPDATE < 1 || STOPS_PER_UPDATE >= STOPS_PER_TRIP) {
            throw new IllegalArgumentException("stopsPerUpdate must be 1 to " + (STOPS_PER_TRIP - 1) + ", not " + STOPS_PER_UPDATE);
        }
        if (!List.of("transit", "floor").contains(topology)) {
            throw new IllegalArgumentException("topology must be transit or floor, not " + topology);
        }
        TestInfrastructure infra = TestInfrastructure.shared();
        List<String> lines = new ArrayList<>();
        lines.add("# transit benchmark " + Instant.now() + " on " + BenchmarkMachine.describe() + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", infrastructure: " + infra.kind()
                + ", " + System.getProperty("guarantee", StreamsConfig.EXACTLY_ONCE_V2) + ", 1 stream thread, " + TRIPS + " trips x " + STOPS_PER_TRIP + " stop times, " + STOPS_PER_UPDATE
                + " stop time updates per trip update, topology: " + System.getProperty("topology", "transit"));
        lines.add("# commit_interval_ms round updates_per_s measured_updates seconds stream_thread_cpu_us_per_update "
                + "process_cpu_us_per_update p50_ms p90_ms p99_ms max_ms latency_samples records_written_per_update gc_cpu_us_per_update");
        // A fresh JVM (broker, clients and topology) gets faster for minutes as the JIT compiles it: the
        // first round ran at 20-60 % of the next ones' speed (2026-12-02). One round warms it, shown but not counted.
        String warmUp = "# warm-up round, not counted: " + commitIntervals.get(0) + " 0 " + runRound(infra, commitIntervals.get(0));
        lines.add(warmUp);
        System.out.println(warmUp);
        for (int commitInterval : commitIntervals) {
            for (int round = 1; round <= rounds; round++) {
                String line = commitInterval + " " + round + " " + runRound(infra, commitInterval);
                lines.add(line);
                System.out.println(line);
            }
        }
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.write(results, lines);
        lines.forEach(System.out::println);
        System.exit(0);
    }

    private static String runRound(TestInfrastructure infra, int commitInterval) throws Exception {
        String run = TestInfrastructure.uniqueName("transitbench");
        ProcessorProperties properties = new ProcessorProperties(run + "_cdc", "public", run + ".", run + ".", 3, Duration.ofDays(1),
                Duration.ofDays(1), ProcessorProperties.Transit.defaults());
        createTopics(infra, properties);
        try (KafkaProducer<String, byte[]> producer = producer(infra)) {
            loadSchedule(record -> producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value().getBytes(StandardCharsets.UTF_8))),
                    properties);
            producer.flush();
            Random random = new Random(7);
            int[] delays = new int[TRIPS];
            for (int i = 0; i < BACKLOG; i++) {
                int trip = i % TRIPS;
                // A random walk: most polls move a delay by less than the threshold, as real feeds do.
                delays[trip] += random.nextInt(41) - 20;
                producer.send(tripUpdate(properties, trip, (i / TRIPS) % (STOPS_PER_TRIP - STOPS_PER_UPDATE), delays[trip],
                        Instant.ofEpochSecond(SERVICE_DAY_START + 6 * 3600 + i / 100)));
            }
            producer.flush();

            try (KafkaStreams streams = start(infra, properties, run, commitInterval);
                    Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
                long warmedAt = awaitCommitted(admin, run, BACKLOG / 4);
                long streamCpuBefore = streamThreadCpuNanos();
                long processCpuBefore = processCpuNanos();
                long gcCpuBefore = gcCpuNanos();
                long writtenBefore = recordsWritten(admin, run, properties);
                long doneAt = awaitCommitted(admin, run, BACKLOG);
                double seconds = (doneAt - warmedAt) / 1e9;
                int measured = BACKLOG - BACKLOG / 4;
                double streamCpuMicros = (streamThreadCpuNanos() - streamCpuBefore) / 1e3 / measured;
                double processCpuMicros = (processCpuNanos() - processCpuBefore) / 1e3 / measured;
                double gcCpuMicros = (gcCpuNanos() - gcCpuBefore) / 1e3 / measured;
                double writtenPerUpdate = (double) (recordsWritten(admin, run, properties) - writtenBefore) / measured;
                String latency = latency(infra, properties, producer, delays);
                return String.format("%.0f %d %.2f %.0f %.0f %s %.2f %.1f", measured / seconds, measured, seconds, streamCpuMicros, processCpuMicros, latency,
                        writtenPerUpdate, gcCpuMicros);
            }
        }
    }

    private static String latency(TestInfrastructure infra, ProcessorProperties properties, KafkaProducer<String, byte[]> producer, int[] delays)
            throws Exception {
        List<Long> samples = new ArrayList<>();
        CountDownLatch sent = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            long interval = 1_000_000_000L / RATE_PER_SECOND;
            long total = (LATENCY_WARM_UP.plus(LATENCY_MEASURE).toSeconds() + 1) * RATE_PER_SECOND;
            long next = System.nanoTime();
            for (int i = 0; i < total; i++) {
                int trip = i % TRIPS;
                delays[trip] += 60; // a minute each time: always news
                producer.send(tripUpdate(properties, trip, 0, delays[trip], Instant.now()));
                next += interval;
                LockSupport.parkNanos(next - System.nanoTime());
            }
            sent.countDown();
        }, "latency-writer");
        try (KafkaConsumer<String, String> consumer = liveConsumer(infra, properties)) {
            long measureFrom = System.nanoTime() + LATENCY_WARM_UP.toNanos();
            writer.start();
            while (sent.getCount() > 0) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                    long receivedMillis = System.currentTimeMillis();
                    // From the trip update's send: its record timestamp, which the topology gives the
                    // predictions it makes of it. (Its header time, GTFS-Realtime's, is whole seconds.)
                    if (System.nanoTime() >= measureFrom && record.key().startsWith("transit.stop.")) {
                        samples.add(receivedMillis - record.timestamp());
                    }
                }
            }
            writer.join();
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
        return String.format("%d %d %d %d %d", percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted.length == 0 ? -1 : sorted[sorted.length - 1], sorted.length);
    }

    /**
     * CPU time of the stream thread(s) and of the threads named after them (their producer's network
     * thread): what the topology and its Kafka clients cost, the figure "per stream thread" compares.
     */
    private static long streamThreadCpuNanos() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("-StreamThread-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    /**
     * CPU time of the collector's own threads (ZGC's, G1's or Parallel's, by their names in
     * {@code /proc/self/task}, at the kernel's clock tick): native threads that the JVM's thread
     * bean does not list. 0 where there is no {@code /proc}.
     */
    private static long gcCpuNanos() {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return 0;
        }
        long ticks = 0;
        try (var threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    String name = Files.readString(thread.resolve("comm")).strip();
                    if (name.startsWith("ZWorker") || name.startsWith("ZDriver") || name.startsWith("ZDirector") || name.startsWith("GC Thread")
                            || name.startsWith("G1 ")) {
                        String stat = Files.readString(thread.resolve("stat"));
                        // After the name in parentheses: state is field 3, utime and stime fields 14 and 15.
                        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    }
                } catch (java.nio.file.NoSuchFileException ended) {
                    // a thread that ended between the listing and the read: not a collector's, which live as long as the JVM
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
    }

    /** CPU time of this whole JVM: the broker, the topology, the load generator. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long percentile(long[] sorted, int percentile) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
    }

    private static KafkaStreams start(TestInfrastructure infra, ProcessorProperties properties, String run, int commitInterval) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        if ("floor".equals(System.getProperty("topology"))) {
            buildFloor(builder, properties);
        } else {
            new TransitTopology(properties).build(builder);
        }
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, run);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers());
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("transit-bench").toString());
        // As signalbox-processor.yml: exactly-once, the producer's linger at Kafka Streams' default (100 ms) and
        // retrying a busy transaction after 2 ms, no idling on an empty input partition; the commit interval is what is measured.
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, System.getProperty("guarantee", StreamsConfig.EXACTLY_ONCE_V2));
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval);
        config.put(StreamsConfig.producerPrefix(ProducerConfig.RETRY_BACKOFF_MS_CONFIG), 2);
        config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // Trials: -Dstreams.<setting>=<value> sets any other Kafka Streams setting for the run.
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("streams."))
                .forEach(name -> config.put(name.substring("streams.".length()), System.getProperty(name)));
        KafkaStreams streams = new KafkaStreams(builder.build(), config);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        if (!running.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the transit topology did not start");
        }
        return streams;
    }

    /** Each trip update read and written once, unchanged but for its key: Kafka Streams' own cost per record. */
    private static void buildFloor(StreamsBuilder builder, ProcessorProperties properties) {
        builder.stream(properties.feedTopic(Topics.FEED_TRIP_UPDATES), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("floor-trip-updates"))
                .selectKey((key, value) -> "transit.stop." + key, Named.as("floor-as-stop-channel"))
                .to(properties.outputTopic(Topics.LIVE_TRANSIT), Produced.with(Serdes.String(), Serdes.ByteArray()).withName("floor-live"));
    }

    /**
     * Every record the topology has written so far: the end offsets of all its output, changelog and
     * repartition topics. Under exactly-once each commit adds a marker to each partition it wrote,
     * which this counts too (a few hundred a round at 100 ms commits).
     */
    private static long recordsWritten(Admin admin, String run, ProcessorProperties properties) throws Exception {
        String input = properties.feedTopic(Topics.FEED_TRIP_UPDATES);
        List<String> written = admin.listTopics().names().get(1, TimeUnit.MINUTES).stream()
                .filter(name -> name.startsWith(run) && !name.equals(input) && !name.startsWith(properties.cdcTopic("")))
                .toList();
        Map<TopicPartition, OffsetSpec> ends = new java.util.HashMap<>();
        admin.describeTopics(written).allTopicNames().get(1, TimeUnit.MINUTES).values().forEach(topic -> topic.partitions()
                .forEach(partition -> ends.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest())));
        return admin.listOffsets(ends).all().get(1, TimeUnit.MINUTES).values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    /** Waits until the application has committed at least {@code count} trip updates; answers when (nanoTime). */
    private static long awaitCommitted(Admin admin, String applicationId, long count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            long committed = offsets.entrySet().stream()
                    .filter(entry -> entry.getKey().topic().endsWith(Topics.FEED_TRIP_UPDATES))
                    .mapToLong(entry -> entry.getValue().offset()).sum();
            if (committed >= count) {
                return System.nanoTime();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        throw new IllegalStateException("the backlog was not processed within 10 minutes");
    }

    private static void createTopics(TestInfrastructure infra, ProcessorProperties properties) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            List<NewTopic> topics = new ArrayList<>();
            for (String table : List.of("gtfs_agency", "gtfs_routes", "gtfs_stops", "gtfs_trips", "gtfs_stop_times", TransitTopology.OPERATOR_ALERTS)) {
                topics.add(new NewTopic(properties.cdcTopic(table), 3, (short) 1));
            }
            for (String feed : List.of(Topics.FEED_TRIP_UPDATES, Topics.FEED_VEHICLE_POSITIONS, Topics.FEED_ALERTS)) {
                topics.add(new NewTopic(properties.feedTopic(feed), 3, (short) 1));
            }
            for (String output : List.of(Topics.LIVE_TRANSIT, Topics.STATE_TRANSIT_VEHICLES, Topics.STATE_TRANSIT_ROUTES, Topics.DLQ_PROCESSOR)) {
                topics.add(new NewTopic(properties.outputTopic(output), 3, (short) 1));
            }
            admin.createTopics(topics).all().get(1, TimeUnit.MINUTES);
            awaitLeaders(admin, topics.stream().map(NewTopic::name).toList());
        }
    }

    /**
     * Until every partition has a leader: writing to topics created a moment before, the load
     * generator's idempotent producer had first batches refused with OutOfOrderSequenceException
     * and retried them for minutes, before anything was measured.
     */
    private static void awaitLeaders(Admin admin, List<String> topics) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            boolean led;
            try {
                led = admin.describeTopics(topics).allTopicNames().get(1, TimeUnit.MINUTES).values().stream()
                        .flatMap(topic -> topic.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
                led = false; // created, but not yet in the metadata the broker answers from
            }
            if (led) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("partitions of " + topics + " still without a leader after a minute");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    static void loadSchedule(java.util.function.Consumer<ProducerRecord<String, String>> producer, ProcessorProperties properties) {
        producer.accept(new ProducerRecord<>(properties.cdcTopic("gtfs_agency"), "{\"feed_id\":\"bench\",\"agency_id\":\"\"}", Changes.change(
                "gtfs_agency", "r", null, "{\"feed_id\":\"bench\",\"agency_id\":\"\",\"agency_name\":\"Bench\",\"agency_timezone\":\"UTC\"}", 1, 0)));
        for (int route = 0; route < ROUTES; route++) {
            producer.accept(new ProducerRecord<>(properties.cdcTopic("gtfs_routes"), "r" + route, Changes.change("gtfs_routes", "r", null,
                    "{\"feed_id\":\"bench\",\"route_id\":\"R" + route + "\",\"route_short_name\":\"" + route + "\",\"route_type\":3}", 2, 0)));
        }
        for (int stop = 0; stop < STOPS; stop++) {
            producer.accept(new ProducerRecord<>(properties.cdcTopic("gtfs_stops"), "s" + stop, Changes.change("gtfs_stops", "r", null,
                    "{\"feed_id\":\"bench\",\"stop_id\":\"S" + stop + "\",\"stop_name\":\"Stop " + stop + "\",\"stop_lat\":52.5,\"stop_lon\":13.4}", 3, 0)));
        }
        for (int trip = 0; trip < TRIPS; trip++) {
            producer.accept(new ProducerRecord<>(properties.cdcTopic("gtfs_trips"), "t" + trip, Changes.change("gtfs_trips", "r", null,
                    "{\"feed_id\":\"bench\",\"trip_id\":\"T" + trip + "\",\"route_id\":\"R" + (trip % ROUTES) + "\",\"service_id\":\"WD\",\"trip_headsign\":\"Terminus "
                            + (trip % ROUTES) + "\",\"direction_id\":0}", 4, 0)));
            for (int sequence = 0; sequence < STOPS_PER_TRIP; sequence++) {
                int seconds = 6 * 3600 + (trip % 600) * 60 + sequence * 120;
                producer.accept(new ProducerRecord<>(properties.cdcTopic("gtfs_stop_times"), "t" + trip + "/" + sequence, Changes.change("gtfs_stop_times",
                        "r", null, "{\"feed_id\":\"bench\",\"trip_id\":\"T" + trip + "\",\"stop_sequence\":" + sequence + ",\"stop_id\":\"S"
                                + ((trip * 7 + sequence) % STOPS) + "\",\"arrival_seconds\":" + seconds + ",\"departure_seconds\":" + seconds + "}", 5, 0)));
            }
        }
    }

    /** A trip update record as ingest publishes it (see {@link FeedEntity}). */
    static ProducerRecord<String, byte[]> tripUpdate(ProcessorProperties properties, int trip, int firstSequence, int delay, Instant header) {
        String entityId = "tu-" + trip;
        TripUpdate.Builder update = TripUpdate.newBuilder()
                .setTrip(TripDescriptor.newBuilder().setTripId("T" + trip).setStartDate("20261124"))
                .setVehicle(VehicleDescriptor.newBuilder().setId("V" + trip));
        for (int i = 0; i < STOPS_PER_UPDATE; i++) {
            update.addStopTimeUpdate(TripUpdate.StopTimeUpdate.newBuilder().setStopSequence(firstSequence + i)
                    .setArrival(TripUpdate.StopTimeEvent.newBuilder().setDelay(delay)));
        }
        byte[] entity = GtfsRealtime.FeedEntity.newBuilder().setId(entityId).setTripUpdate(update).build().toByteArray();
        byte[] value = FeedEntity.value(FeedEntity.headerField("2.0", header), entity);
        return new ProducerRecord<>(properties.feedTopic(Topics.FEED_TRIP_UPDATES), FEED + ":" + entityId, value);
    }

    private static KafkaProducer<String, byte[]> producer(TestInfrastructure infra) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // Not idempotent: on freshly created topics an idempotent producer's first batches were refused
                // (OutOfOrderSequenceException) and retried, once for 30 minutes without end, stalling the round.
                // A record the load generator sends twice only adds one more update to the input.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false));
    }

    private static KafkaConsumer<String, String> liveConsumer(TestInfrastructure infra, ProcessorProperties properties) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5));
        String topic = properties.outputTopic(Topics.LIVE_TRANSIT);
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(info -> new TopicPartition(topic, info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }
}

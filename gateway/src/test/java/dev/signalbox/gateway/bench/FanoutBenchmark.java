package dev.signalbox.gateway.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.signalbox.events.Json;
import dev.signalbox.localinfra.LocalKafka;
import dev.signalbox.localinfra.testing.BenchmarkMachine;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark, not a test: one gateway instance (its own JVM) pushing to many WebSocket sessions held
 * by lean load generators (processes running {@code bench/fanout/client.c}, or {@code client.mjs} on Node), on a KRaft broker
 * in this JVM, which also publishes the events. Measures heap and RSS per idle session, then at each
 * event rate the deliveries per second the clients received and the delivery latency (the event's
 * publish time → its receipt by the client). Run it with {@code bench/fanout.sh}.
 *
 * <p>Arguments: {@code <classpath of the gateway> <results file> <sessions:rate,rate,…> …}; each
 * session subscribes to one of {@value #CHANNELS} channels, so an event reaches sessions/{@value #CHANNELS}.
 */
public final class FanoutBenchmark {

    static final int CHANNELS = 100;
    private static final int SESSIONS_PER_CLIENT = 5_000;
    /** The load generator: bench/fanout/client.c, built by bench/fanout.sh, or the Node one (client.mjs). */
    private static final String CLIENT = System.getenv().getOrDefault("SIGNALBOX_BENCH_CLIENT", "c");
    private static final String C_CLIENT = "target/fanout-client";
    private static final Duration WARM_UP = Duration.ofSeconds(5);
    private static final Duration MEASURE = Duration.ofSeconds(10);
    private static final String TOPIC = "live.bench";
    /** USER_HZ of /proc/<pid>/stat: 100 on Linux. */
    private static final int CLOCK_TICKS_PER_SECOND = 100;
    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    public static void main(String[] args) throws Exception {
        // The gateway's executable jar, run as production runs it (one open file for all its classes).
        String gatewayJar = args[0];
        Path results = Path.of(args[1]);
        // The transport under test, as the gateway itself takes it: reactive (Reactor Netty) or servlet (Tomcat).
        String transport = System.getenv().getOrDefault("SIGNALBOX_GATEWAY_TRANSPORT", "reactive");
        // On the reactive transport, what serves /ws: the gateway's own Netty handler or WebFlux's (the gateway reads the same variable).
        String webSocket = System.getenv().getOrDefault("SIGNALBOX_GATEWAY_REACTIVE_WEBSOCKET", "netty");
        List<String> lines = new ArrayList<>();
        lines.add("# fan-out benchmark " + Instant.now() + " on " + BenchmarkMachine.describe() + "; gateway: "
                + (transport.equals("servlet") ? "servlet WebSocket (Tomcat)"
                        : webSocket.equals("webflux") ? "WebFlux WebSocket (Reactor Netty)" : "the gateway's own Netty WebSocket handler (Reactor Netty)") + ", "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", -Xmx2g " + System.getenv().getOrDefault("SIGNALBOX_BENCH_GATEWAY_JVM_OPTS", "")
                + ", flush delay " + System.getenv().getOrDefault("SIGNALBOX_GATEWAY_FLUSH_DELAY", "0ms") + "; clients: " + (CLIENT.equals("node") ? "Node ws" : "C, epoll") + ", " + SESSIONS_PER_CLIENT
                + " sessions a process; " + CHANNELS + " channels");
        Path data = Files.createTempDirectory("signalbox-fanout");
        try (LocalKafka kafka = LocalKafka.start(data.resolve("kafka"), 0)) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            int port = freePort();
            Process gateway = startGateway(gatewayJar, kafka.bootstrapServers(), port, transport);
            try (KafkaProducer<String, String> producer = producer(kafka.bootstrapServers())) {
                awaitReady(port);
                long baseHeap = heapAfterGc(gateway.pid());
                long baseRss = rss(gateway.pid());
                writeHistogram(gateway.pid(), 0);
                lines.add("# baseline after GC: heap " + baseHeap / 1024 + " KiB, RSS " + baseRss / 1024 + " KiB");
                lines.add("# sessions kind rate_events_per_s expected_deliveries_per_s deliveries_per_s p50_ms p99_ms max_ms | cpu % of one core: gateway clients broker+publisher"
                        + " | idle: heap_kib_per_session rss_kib_per_session");
                for (int i = 2; i < args.length; i++) {
                    String[] plan = args[i].split(":");
                    int sessions = Integer.parseInt(plan[0]);
                    List<Client> clients = startClients(port, sessions);
                    try {
                        long heap = heapAfterGc(gateway.pid());
                        long rss = rss(gateway.pid());
                        writeHistogram(gateway.pid(), sessions);
                        lines.add(String.format(Locale.ROOT, "%d idle - - - - - - | - - - | %.2f %.2f", sessions,
                                (heap - baseHeap) / 1024.0 / sessions, (rss - baseRss) / 1024.0 / sessions));
                        System.out.println(lines.get(lines.size() - 1));
                        write(results, lines);
                        if (plan.length > 1) {
                            for (String rate : plan[1].split(",")) {
                                String line;
                                try {
                                    line = measure(producer, gateway, clients, sessions, Integer.parseInt(rate));
                                } catch (IllegalStateException e) {
                                    // Past saturation a load generator may fall minutes behind: record it, go no higher.
                                    lines.add(sessions + " fanout " + rate + " failed: " + e.getMessage());
                                    write(results, lines);
                                    break;
                                }
                                lines.add(line);
                                System.out.println(line);
                                write(results, lines);
                            }
                        }
                    } finally {
                        for (Client client : clients) {
                            client.exit();
                        }
                    }
                }
            } finally {
                gateway.destroy();
                gateway.waitFor(30, TimeUnit.SECONDS);
            }
        }
        write(results, lines);
        lines.forEach(System.out::println);
        System.exit(0);
    }

    /** The results so far, so a run that breaks off keeps what it measured. */
    private static void write(Path results, List<String> lines) throws IOException {
        Files.createDirectories(results.toAbsolutePath().getParent());
        Files.write(results, lines);
    }

    private static String measure(KafkaProducer<String, String> producer, Process gateway, List<Client> clients, int sessions, int rate) throws Exception {
        Publisher publisher = new Publisher(producer, rate);
        Thread thread = new Thread(publisher, "fanout-publisher");
        thread.start();
        try {
            publisher.runFor(WARM_UP);
            clients.forEach(Client::report);
            for (Client client : clients) {
                client.awaitReport();
            }
            long[] cpuBefore = cpuTicks(gateway, clients);
            publisher.runFor(MEASURE);
            long[] cpuAfter = cpuTicks(gateway, clients);
            clients.forEach(Client::report);
            long deliveries = 0;
            double seconds = 0;
            TreeMap<Integer, Long> histogram = new TreeMap<>();
            for (Client client : clients) {
                JsonNode report = client.awaitReport();
                deliveries += report.get("deliveries").asLong();
                seconds = Math.max(seconds, report.get("seconds").asDouble());
                report.get("histogram").properties().forEach(entry -> histogram.merge(Integer.parseInt(entry.getKey()), entry.getValue().asLong(), Long::sum));
            }
            long expected = (long) rate * sessions / CHANNELS;
            // CPU of one core, in %, over the measured window: the gateway, the load generators, this JVM (broker and publisher).
            double window = MEASURE.toMillis() / 1000.0 * CLOCK_TICKS_PER_SECOND / 100;
            return String.format(Locale.ROOT, "%d fanout %d %d %.0f %s %s %s | %.0f %.0f %.0f", sessions, rate, expected, deliveries / seconds,
                    percentile(histogram, 0.50), percentile(histogram, 0.99), histogram.isEmpty() ? "-" : histogram.lastKey(),
                    (cpuAfter[0] - cpuBefore[0]) / window, (cpuAfter[1] - cpuBefore[1]) / window, (cpuAfter[2] - cpuBefore[2]) / window);
        } finally {
            publisher.stop();
            thread.join();
        }
    }

    /** User and system CPU ticks so far of the gateway, of all load generators together, and of this JVM. */
    private static long[] cpuTicks(Process gateway, List<Client> clients) throws IOException {
        long clientTicks = 0;
        for (Client client : clients) {
            clientTicks += cpuTicks(client.process.pid());
        }
        return new long[] {cpuTicks(gateway.pid()), clientTicks, cpuTicks(ProcessHandle.current().pid())};
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        // Fields after the command's closing parenthesis: state is the 3rd field of stat, utime the 14th, stime the 15th.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String percentile(TreeMap<Integer, Long> histogram, double quantile) {
        long total = histogram.values().stream().mapToLong(Long::longValue).sum();
        long rank = (long) Math.ceil(total * quantile);
        long seen = 0;
        for (Map.Entry<Integer, Long> bucket : histogram.entrySet()) {
            seen += bucket.getValue();
            if (seen >= rank) {
                return Integer.toString(bucket.getKey());
            }
        }
        return "-";
    }

    /** Publishes events round-robin over the channels at a steady rate, each stamped with its publish time. */
    private static final class Publisher implements Runnable {

        private final KafkaProducer<String, String> producer;
        private final int rate;
        private volatile boolean running = true;
        private volatile long until;

        Publisher(KafkaProducer<String, String> producer, int rate) {
            this.producer = producer;
            this.rate = rate;
        }

        void runFor(Duration duration) {
            until = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < until) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            long sent = 0;
            while (running) {
                long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                for (; sent < due; sent++) {
                    ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, "bench.c" + (sent % CHANNELS),
                            "{\"seq\":" + sent + ",\"payload\":\"a bench event of about a hundred bytes, like a vehicle update\"}");
                    record.headers().add("ce_type", "dev.signalbox.bench.event".getBytes(StandardCharsets.UTF_8));
                    producer.send(record);
                }
                LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
            }
        }
    }

    private static Process startGateway(String jar, String bootstrap, int port, String transport) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
        // Extra JVM options for the gateway only, to look inside it (a flight recording, say).
        String extra = System.getenv("SIGNALBOX_BENCH_GATEWAY_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar,
                "--server.port=" + port,
                "--spring.main.web-application-type=" + transport,
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--signalbox.gateway.live-topics.bench=" + TOPIC,
                "--signalbox.gateway.live-topics.jobs=" + TOPIC,
                "--logging.level.root=warn"));
        return new ProcessBuilder(command).inheritIO().start();
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                // As the processor's: small batches, sent at once.
                ProducerConfig.LINGER_MS_CONFIG, 1));
    }

    private static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
        }
        throw new IllegalStateException("the gateway did not become ready");
    }

    private static List<Client> startClients(int port, int sessions) throws Exception {
        List<Client> clients = new ArrayList<>();
        for (int first = 0; first < sessions; first += SESSIONS_PER_CLIENT) {
            clients.add(new Client(port, first, Math.min(SESSIONS_PER_CLIENT, sessions - first)));
        }
        for (Client client : clients) {
            client.awaitReady();
        }
        return clients;
    }

    /** Used heap after a full collection, from {@code jcmd}. */
    private static long heapAfterGc(long pid) throws Exception {
        run("jcmd", Long.toString(pid), "GC.run");
        Matcher used = HEAP_USED.matcher(run("jcmd", Long.toString(pid), "GC.heap_info"));
        if (!used.find()) {
            throw new IllegalStateException("jcmd GC.heap_info printed no heap use");
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /** To see where an idle session's heap goes: the gateway's live objects by class, when SIGNALBOX_BENCH_HISTOGRAM_DIR names a folder. */
    private static void writeHistogram(long pid, int sessions) throws Exception {
        String folder = System.getenv("SIGNALBOX_BENCH_HISTOGRAM_DIR");
        if (folder != null && !folder.isBlank()) {
            Files.createDirectories(Path.of(folder));
            Files.writeString(Path.of(folder, "histogram-" + sessions + ".txt"), run("jmap", "-histo:live", Long.toString(pid)));
        }
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return output;
    }

    /** One load generator process and its line protocol. */
    private static final class Client {

        private final Process process;
        private final Writer commands;
        private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();

        Client(int port, int first, int sessions) throws IOException {
            List<String> command = new ArrayList<>(CLIENT.equals("node")
                    ? List.of("node", "bench/fanout/client.mjs", "ws://127.0.0.1:" + port + "/ws")
                    : List.of(C_CLIENT, "127.0.0.1", Integer.toString(port)));
            command.addAll(List.of(Integer.toString(first), Integer.toString(sessions), Integer.toString(CHANNELS)));
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        try {
                            answers.add(Json.MAPPER.readTree(line));
                        } catch (tools.jackson.core.JacksonException e) {
                            System.err.println("a load generator wrote a line that is not JSON: " + e.getOriginalMessage());
                        }
                    }
                } catch (IOException e) {
                    System.err.println("load generator output ended: " + e.getMessage());
                }
            }, "fanout-client-" + first);
            reader.setDaemon(true);
            reader.start();
        }

        void awaitReady() throws InterruptedException {
            JsonNode ready = answers.poll(5, TimeUnit.MINUTES);
            if (ready == null || !ready.has("ready")) {
                throw new IllegalStateException("a load generator did not get its sessions subscribed: " + ready);
            }
        }

        void report() {
            send("report");
        }

        JsonNode awaitReport() throws InterruptedException {
            JsonNode report = answers.poll(2, TimeUnit.MINUTES);
            if (report == null) {
                throw new IllegalStateException("a load generator did not report");
            }
            return report;
        }

        void exit() throws InterruptedException {
            send("exit");
            process.waitFor(30, TimeUnit.SECONDS);
            process.destroyForcibly();
        }

        private void send(String command) {
            try {
                commands.write(command + "\n");
                commands.flush();
            } catch (IOException e) {
                throw new IllegalStateException("the load generator is gone", e);
            }
        }
    }
}

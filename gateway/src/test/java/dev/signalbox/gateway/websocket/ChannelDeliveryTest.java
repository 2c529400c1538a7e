package dev.signalbox.gateway.websocket;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import dev.signalbox.gateway.testing.TestGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.BeforeAll;

import dev.signalbox.gateway.testing.ProtocolClient;
import dev.signalbox.localinfra.testing.TestInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Real WebSocket clients against a running gateway on a real broker: order, positions, resume
 * across a dropped connection while events keep flowing, and bad frames.
 */
class ChannelDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final TestInfrastructure infra = TestInfrastructure.shared();
    private static final String LIVE_TOPIC = createTopic(TestInfrastructure.uniqueName("live.jobs"));
    /** A domain of its own, so truncating its history cannot touch the other tests' channels. */
    private static final String TRUNCATED_TOPIC = createTopic(TestInfrastructure.uniqueName("live.notifications"));
    private static final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    private static final AtomicInteger sequence = new AtomicInteger();
    /** Makes an event about 2 KB. */
    private static final String PADDING = "x".repeat(2_000);

    private static TestGateway gateway;
    int port;

    @BeforeAll
    static void startGateway() {
        gateway = TestGateway.start(Map.of("signalbox.gateway.live-topics.jobs", LIVE_TOPIC, "signalbox.gateway.live-topics.notifications", TRUNCATED_TOPIC));
    }

    @BeforeEach
    void gatewayPort() {
        port = gateway.port();
    }

    @AfterAll
    static void stop() {
        producer.close();
        gateway.close();
    }

    @Test
    void eventsArriveInOrderWithIncreasingPositions() {
        try (ProtocolClient client = ProtocolClient.connect(port); ProtocolClient other = ProtocolClient.connect(port)) {
            client.subscribe("jobs.board", "\"latest\"");
            client.expect("subscribed", WAIT);
            other.subscribe("jobs.company.7", "\"latest\"");
            other.expect("subscribed", WAIT);
            List<Integer> published = publish("jobs.board", 100);
            // Another channel in the same topic must not leak in. Once its own subscriber has it,
            // the gateway has dispatched it: a leak would reach the client before the next board event.
            publish("jobs.company.7", 10);
            other.events(10, WAIT);
            published.addAll(publish("jobs.board", 1));

            List<JsonNode> events = client.events(101, WAIT);
            assertThat(events).extracting(e -> e.get("data").get("seq").asInt()).containsExactlyElementsOf(published);
            assertThat(events).extracting(e -> e.get("channel").asString()).containsOnly("jobs.board");
            assertThat(offsets(events)).isSorted().doesNotHaveDuplicates();
            assertThat(events.get(0).get("kind").asString()).isEqualTo("jobs.posted");
        }
    }

    @Test
    void resumesAfterADroppedConnectionWithNoGapAndNoDuplicateWhileEventsFlow() throws Exception {
        List<Integer> published = new ArrayList<>();
        String resumeFrom;
        try (ProtocolClient client = ProtocolClient.connect(port)) {
            client.subscribe("jobs.board", "\"latest\"");
            client.expect("subscribed", WAIT);
            published.addAll(publish("jobs.board", 20));
            List<JsonNode> seen = client.events(20, WAIT);
            // The client last saw the 10th event when its connection dropped.
            resumeFrom = seen.get(9).get("position").asString();
            client.abort();
        }

        // Events keep flowing while the client is away and while it resumes.
        published.addAll(publish("jobs.board", 30));
        CompletableFuture<List<Integer>> duringResume = CompletableFuture.supplyAsync(() -> publishSlowly("jobs.board", 200));
        try (ProtocolClient client = ProtocolClient.connect(port)) {
            client.subscribe("jobs.board", "{\"position\":\"" + resumeFrom + "\"}");
            JsonNode subscribed = client.expect("subscribed", WAIT);
            assertThat(subscribed.get("position").asString()).isEqualTo(resumeFrom);
            published.addAll(duringResume.get(60, TimeUnit.SECONDS));

            List<Integer> expected = published.subList(10, published.size());
            List<JsonNode> events = client.events(expected.size(), WAIT);
            assertThat(events).extracting(e -> e.get("data").get("seq").asInt()).containsExactlyElementsOf(expected);
            assertThat(offsets(events)).isSorted().doesNotHaveDuplicates();

            List<Integer> afterwards = publish("jobs.board", 5);
            assertThat(client.events(5, WAIT)).extracting(e -> e.get("data").get("seq").asInt()).containsExactlyElementsOf(afterwards);
        }
    }

    @Test
    void replaysFromATime() {
        List<Integer> published = publish("jobs.company.42", 15);
        try (ProtocolClient client = ProtocolClient.connect(port)) {
            client.subscribe("jobs.company.42", "{\"time\":\"2000-01-01T00:00:00Z\"}");
            client.expect("subscribed", WAIT);
            assertThat(client.events(15, WAIT)).extracting(e -> e.get("data").get("seq").asInt()).containsExactlyElementsOf(published);
        }
    }

    @Test
    void answersHistoryTruncatedForAPositionTheTopicNoLongerHolds() throws Exception {
        List<RecordMetadata> sent = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sent.add(producer.send(new ProducerRecord<>(TRUNCATED_TOPIC, "notifications.all", "{\"seq\":" + i + "}")).get());
        }
        TopicPartition partition = new TopicPartition(TRUNCATED_TOPIC, sent.get(0).partition());
        long firstKept = sent.get(5).offset();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            // What retention does to old segments, done now.
            admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(firstKept))).all().get(30, TimeUnit.SECONDS);
        }
        String lost = partition.partition() + "-" + sent.get(1).offset();
        try (ProtocolClient client = ProtocolClient.connect(port)) {
            client.subscribe("notifications.all", "{\"position\":\"" + lost + "\"}");
            JsonNode truncated = client.expect("error", WAIT);
            assertThat(truncated.get("code").asString()).isEqualTo("history-truncated");
            assertThat(truncated.get("channel").asString()).isEqualTo("notifications.all");
            String earliest = truncated.get("earliest").asString();
            assertThat(earliest).isEqualTo(partition.partition() + "-" + (firstKept - 1));

            client.subscribe("notifications.all", "{\"position\":\"" + earliest + "\"}");
            client.expect("subscribed", WAIT);
            assertThat(client.events(5, WAIT)).extracting(e -> e.get("data").get("seq").asInt()).containsExactly(5, 6, 7, 8, 9);
        }
    }

    @Test
    void answersBadFramesWithErrorsAndKeepsTheSessionUp() {
        try (ProtocolClient client = ProtocolClient.connect(port)) {
            assertThat(error(client, "not json")).isEqualTo("bad-frame");
            assertThat(error(client, "[1,2]")).isEqualTo("bad-frame");
            assertThat(error(client, "{\"type\":\"teleport\"}")).isEqualTo("unknown-type");
            assertThat(error(client, "{\"type\":\"subscribe\"}")).isEqualTo("missing-field");
            assertThat(error(client, "{\"type\":\"subscribe\",\"channel\":\"Not A Channel\"}")).isEqualTo("invalid-channel");
            assertThat(error(client, "{\"type\":\"subscribe\",\"channel\":\"weather.city.paris\"}")).isEqualTo("invalid-channel");
            assertThat(error(client, "{\"type\":\"subscribe\",\"channel\":\"jobs.user.17\"}")).isEqualTo("forbidden");
            assertThat(error(client, "{\"type\":\"subscribe\",\"channel\":\"jobs.board\",\"from\":{\"position\":\"99-0\"}}")).isEqualTo("invalid-position");
            assertThat(error(client, "{\"type\":\"subscribe\",\"channel\":\"jobs.board\",\"from\":{\"position\":\"x\"}}")).isEqualTo("invalid-position");
            assertThat(error(client, "{\"type\":\"unsubscribe\",\"channel\":\"jobs.board\"}")).isEqualTo("not-subscribed");

            JsonNode refused = client.send("{\"type\":\"subscribe\",\"channel\":\"jobs.user.17\",\"ref\":\"r-1\"}").expect("error", WAIT);
            assertThat(refused.get("ref").asString()).isEqualTo("r-1");
            assertThat(client.send("{\"type\":\"ping\",\"ref\":\"p\"}").expect("pong", WAIT).get("ref").asString()).isEqualTo("p");
        }
    }

    @Test
    void closesAConnectionWhoseFrameIsTooLarge() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(port)) {
            // The gateway closes as soon as the frame passes its limit, before the client has sent it all.
            client.sendWithoutWaiting("{\"type\":\"ping\",\"ref\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}");
            try {
                assertThat(client.closeCode().get(30, TimeUnit.SECONDS)).isEqualTo(1009);
            } catch (java.util.concurrent.ExecutionException e) {
                // Reactor Netty sends the 1009 and closes at once, while this client is still sending
                // megabytes: TCP answers the rest with a reset, which can reach the client before it
                // has read the close frame. Refused either way (see PROTOCOL.md, close codes).
                // (Or, by which of the client's threads meets the reset first, a broken pipe or an end of stream.)
                assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
            }
        }
        try (ProtocolClient client = ProtocolClient.connect(port)) {
            assertThat(client.send("{\"type\":\"ping\"}").expect("pong", WAIT).get("type").asString()).isEqualTo("pong");
        }
    }

    @Test
    void answersWebSocketPingsFragmentedMessagesAndTheClosingHandshake() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(port)) {
            assertThat(client.ping("are you there").get(10, TimeUnit.SECONDS)).isEqualTo("are you there");
            assertThat(client.sendFragmented("{\"type\":\"ping\",", "\"ref\":\"in two\"}").expect("pong", WAIT).get("ref").asString()).isEqualTo("in two");
            client.sendClose(4000);
            assertThat(client.closeCode().get(10, TimeUnit.SECONDS)).isEqualTo(4000);
        }
    }

    @Test
    void closesAConnectionThatSendsABinaryFrame() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(port)) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.closeCode().get(30, TimeUnit.SECONDS)).isEqualTo(1003);
        }
    }

    @Test
    void refusesPlainHttpRequestsToTheWebSocketPathAndStaysUp() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI webSocketPath = URI.create("http://127.0.0.1:" + port + "/ws");
        assertThat(http.send(HttpRequest.newBuilder(webSocketPath).POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"ping\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(405);
        // A GET without the WebSocket upgrade headers: a bad handshake.
        assertThat(http.send(HttpRequest.newBuilder(webSocketPath).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(400);
        try (ProtocolClient client = ProtocolClient.connect(port)) {
            assertThat(client.send("{\"type\":\"ping\",\"ref\":\"after\"}").expect("pong", WAIT).get("ref").asString()).isEqualTo("after");
        }
    }

    @Test
    void tenThousandSubscribeRequestsAreEachAnsweredWithinTheRateAndSubscriptionLimitsAndTheSessionStaysHealthy() {
        try (ProtocolClient client = ProtocolClient.connect(port)) {
            int requests = 10_000;
            for (int i = 0; i < requests; i++) {
                client.send("{\"type\":\"subscribe\",\"channel\":\"jobs.company." + i + "\",\"ref\":\"" + i + "\"}");
            }
            java.util.Map<String, Integer> answers = new java.util.HashMap<>();
            for (int i = 0; i < requests; i++) {
                JsonNode answer = client.next(WAIT);
                String kind = answer.get("type").asString().equals("error") ? answer.get("code").asString() : answer.get("type").asString();
                answers.merge(kind, 1, Integer::sum);
            }
            // Past the inbound rate the rest are refused as such; of those let through, past 100 subscriptions too.
            assertThat(answers.keySet()).containsAnyOf("subscribed").isSubsetOf("subscribed", "rate-limited", "too-many-subscriptions");
            assertThat(answers.get("subscribed")).isBetween(1, 100);
            assertThat(answers.get("rate-limited")).isPositive();
            assertThat(answers.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(requests);
            // Once the rate allows again, the session answers as ever.
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() ->
                    assertThat(client.send("{\"type\":\"ping\",\"ref\":\"after\"}").next(WAIT).get("type").asString()).isEqualTo("pong"));
        }
    }

    @Test
    void exposesSessionDeliveryResumeAndLatencyMetrics() throws Exception {
        try (ProtocolClient client = ProtocolClient.connect(port)) {
            client.subscribe("jobs.company.99", "\"latest\"");
            String start = client.expect("subscribed", WAIT).get("position").asString();
            publish("jobs.company.99", 3);
            client.events(3, WAIT);
            try (ProtocolClient resuming = ProtocolClient.connect(port)) {
                resuming.subscribe("jobs.company.99", "{\"position\":\"" + start + "\"}");
                resuming.expect("subscribed", WAIT);
                resuming.events(3, WAIT);
            }

            java.net.http.HttpResponse<String> scrape = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            String metrics = scrape.body();
            assertThat(metrics).containsPattern("signalbox_gateway_sessions(\\{[^}]*\\})? [1-9]")
                    .containsPattern("signalbox_gateway_subscriptions(\\{[^}]*\\})? [1-9]")
                    .containsPattern("signalbox_gateway_deliveries_total(\\{[^}]*\\})? [1-9]")
                    .containsPattern("signalbox_gateway_resumes_total\\{[^}]*outcome=\"succeeded\"[^}]*\\} [1-9]")
                    .contains("signalbox_gateway_delivery_latency_seconds_bucket")
                    .contains("signalbox_gateway_closes_total", "signalbox_gateway_auth_failures_total", "signalbox_gateway_delivered_bytes_total");
        }
    }

    @Test
    void aStuckClientIsClosedAsTooSlowWhileAFastOneOnTheSameChannelGetsEverything() throws Exception {
        String channel = "jobs.company.77";
        String largestQueue = "signalbox_gateway_queued_bytes_largest ";
        double tooSlowBefore = tooSlowCloses();
        try (ProtocolClient fast = ProtocolClient.connect(port); ProtocolClient stuck = ProtocolClient.connect(port)) {
            fast.subscribe(channel, "\"latest\"");
            fast.expect("subscribed", WAIT);
            stuck.subscribe(channel, "\"latest\"");
            stuck.expect("subscribed", WAIT);
            stuck.stopReading();
            List<Integer> published = new ArrayList<>();
            List<JsonNode> received = new ArrayList<>();

            // Events of about 2 KB, 20 at a time, each step received by the fast client before the
            // next, until the stuck client's socket buffers are full and its outbox visibly holds
            // a quarter of its 1 MB bound (the fullest session's gauge: the sum over sessions
            // would count the fast client's backlog too).
            long queued = 0;
            while (queued < 256 * 1024) {
                assertThat(published).as("the stuck session's outbox never showed 256 KB").hasSizeLessThan(10_000);
                published.addAll(publish(channel, 20, PADDING));
                received.addAll(fast.events(20, WAIT));
                queued = (long) metric(largestQueue);
            }
            assertThat(queued).as("a step adds 40 KB: the gauge saw the outbox filling, not past its bound").isLessThan(1024 * 1024);

            // What the fullest session holds, sampled while the stuck one goes past its bound.
            AtomicLong mostQueued = new AtomicLong(queued);
            AtomicBoolean sampling = new AtomicBoolean(true);
            Thread sampler = new Thread(() -> org.awaitility.Awaitility.await().pollInterval(Duration.ofMillis(50)).atMost(Duration.ofMinutes(2)).until(() -> {
                mostQueued.accumulateAndGet((long) metric(largestQueue), Math::max);
                return !sampling.get();
            }));
            sampler.start();
            // 2 MB more: far past what is left of the stuck client's 1 MB. In steps the fast client
            // takes, so its own outbox, bounded alike, never has to hold a burst of it.
            for (int step = 0; step < 10; step++) {
                published.addAll(publish(channel, 100, PADDING));
                received.addAll(fast.events(100, WAIT));
            }

            assertThat(received).extracting(e -> e.get("data").get("seq").asInt()).containsExactlyElementsOf(published);
            // The stuck client reads nothing, so it cannot see its close frame: the gateway's count of such closes tells.
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> tooSlowCloses() > tooSlowBefore);
            sampling.set(false);
            sampler.join();
            // Unbounded, the stuck client's queue would have grown by the whole 2 MB and stayed;
            // bounded, no session ever held much more than its 1 MB (plus the frame that crossed
            // it), and after the close the stuck one holds nothing.
            assertThat(mostQueued.get()).isLessThanOrEqualTo(1024 * 1024 + 64 * 1024);
            org.awaitility.Awaitility.await().atMost(WAIT).until(() -> metric("signalbox_gateway_queued_bytes ") < 64 * 1024);
        }
    }

    /** The value of one Prometheus sample, by the start of its line; 0 when absent. */
    private double metric(String linePrefix) {
        return metricsText().lines().filter(line -> line.startsWith(linePrefix)).mapToDouble(line -> Double.parseDouble(line.substring(linePrefix.length()).trim()))
                .findFirst().orElse(0);
    }

    private String metricsText() {
        try {
            return java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private double tooSlowCloses() {
        java.util.regex.Matcher line = java.util.regex.Pattern.compile("signalbox_gateway_closes_total\\{[^}]*reason=\"too-slow\"[^}]*\\} (\\S+)")
                .matcher(metricsText());
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private static String error(ProtocolClient client, String frame) {
        return client.send(frame).expect("error", WAIT).get("code").asString();
    }

    private static List<Long> offsets(List<JsonNode> events) {
        Set<String> partitions = new java.util.HashSet<>();
        List<Long> offsets = new ArrayList<>();
        for (JsonNode event : events) {
            String[] position = event.get("position").asString().split("-");
            partitions.add(position[0]);
            offsets.add(Long.parseLong(position[1]));
        }
        assertThat(partitions).as("one channel lives in one partition").hasSize(1);
        return offsets;
    }

    private static List<Integer> publish(String channel, int count) {
        return publish(channel, count, "");
    }

    /** {@code count} events, each carrying {@code padding} to make it that much larger. */
    private static List<Integer> publish(String channel, int count, String padding) {
        List<Integer> published = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int seq = sequence.incrementAndGet();
            String value = padding.isEmpty() ? "{\"seq\":" + seq + "}" : "{\"seq\":" + seq + ",\"pad\":\"" + padding + "\"}";
            ProducerRecord<String, String> record = new ProducerRecord<>(LIVE_TOPIC, channel, value);
            record.headers().add("ce_type", "dev.signalbox.jobs.posted".getBytes());
            producer.send(record);
            published.add(seq);
        }
        producer.flush();
        return published;
    }

    /** One record at a time, each acknowledged before the next: a steady stream during a resume. */
    private static List<Integer> publishSlowly(String channel, int count) {
        List<Integer> published = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            published.addAll(publish(channel, 1));
        }
        return published;
    }

    private static String createTopic(String name) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(name, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            return name;
        } catch (Exception e) {
            throw new IllegalStateException("cannot create " + name, e);
        }
    }
}

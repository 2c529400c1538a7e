package dev.signalbox.gateway.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.signalbox.gateway.GatewayApplication;
import dev.signalbox.localinfra.testing.TestInfrastructure;

/**
 * Real gateway apps (on the transport under test, see {@link TestGateway}) sharing nothing but a live topic of their own (three partitions) on the tests'
 * broker, and a producer that writes to it as the processor would: for tests of what a client sees
 * across instances.
 */
public final class GatewayInstances implements AutoCloseable {

    private final String liveTopic;
    private final KafkaProducer<String, String> producer;
    private final List<String> arguments;
    private final List<ConfigurableApplicationContext> gateways = new ArrayList<>();

    private GatewayInstances(String liveTopic, KafkaProducer<String, String> producer, List<String> arguments) {
        this.liveTopic = liveTopic;
        this.producer = producer;
        this.arguments = arguments;
    }

    /** {@code count} gateway instances serving domain {@code domain} from a new live topic. */
    public static GatewayInstances start(TestInfrastructure infra, String domain, int count) throws Exception {
        return start(infra, domain, count, Map.of());
    }

    /** The same, each instance with these gateway properties besides. */
    public static GatewayInstances start(TestInfrastructure infra, String domain, int count, Map<String, String> properties) throws Exception {
        String topic = TestInfrastructure.uniqueName("live." + domain);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
        List<String> arguments = new ArrayList<>(TestGateway.arguments(infra));
        arguments.add("--signalbox.gateway.live-topics." + domain + "=" + topic);
        if (!domain.equals("jobs")) {
            // A gateway serves jobs channels by default; here they share the one topic, which exists.
            arguments.add("--signalbox.gateway.live-topics.jobs=" + topic);
        }
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        GatewayInstances instances = new GatewayInstances(topic, producer, arguments);
        for (int i = 0; i < count; i++) {
            instances.startAnother();
        }
        return instances;
    }

    /** The port of instance {@code index} (from 0). */
    public int port(int index) {
        return ((WebServerApplicationContext) gateways.get(index)).getWebServer().getPort();
    }

    /** Starts one more instance on the same topic, as a deployment adds one; returns its index. */
    public int startAnother() {
        gateways.add(GatewayApplication.builder().run(arguments.toArray(String[]::new)));
        return gateways.size() - 1;
    }

    /**
     * Stops instance {@code index} as a deployment would (its context closed). On the reactive
     * transport this also disposes Reactor Netty's event loops, which every instance in this JVM
     * shares, so the others stop serving: start the next instance after it, as a rolling deploy does.
     */
    public void stop(int index) {
        gateways.get(index).close();
    }

    /** Publishes one event to {@code channel} and waits for Kafka to acknowledge it, so events stay in order. */
    public void publish(String channel, String json, String ceType) {
        ProducerRecord<String, String> record = new ProducerRecord<>(liveTopic, channel, json);
        record.headers().add("ce_type", ceType.getBytes());
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish", e);
        }
    }

    @Override
    public void close() {
        gateways.forEach(ConfigurableApplicationContext::close);
        producer.close();
    }
}

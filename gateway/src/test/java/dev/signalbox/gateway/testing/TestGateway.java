package dev.signalbox.gateway.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.signalbox.gateway.GatewayApplication;
import dev.signalbox.gateway.GatewayProperties;
import dev.signalbox.localinfra.testing.TestInfrastructure;

/**
 * A real gateway app for a test, started as production starts it, on the tests' broker and on the
 * transport under test: the system property {@value #TRANSPORT_PROPERTY} ({@code servlet} or
 * {@code reactive}) and, on the reactive one, {@value #REACTIVE_WEBSOCKET_PROPERTY} ({@code netty}
 * or {@code webflux}) when set — the build runs the gateway's tests once per WebSocket
 * implementation — else the gateway's defaults.
 */
public final class TestGateway implements AutoCloseable {

    public static final String TRANSPORT_PROPERTY = "signalbox.test.transport";
    public static final String REACTIVE_WEBSOCKET_PROPERTY = "signalbox.test.reactive-websocket";

    private final ConfigurableApplicationContext context;

    private TestGateway(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** A gateway on a free port with these properties besides the broker's address. */
    public static TestGateway start(Map<String, String> properties) {
        List<String> arguments = new ArrayList<>(arguments(TestInfrastructure.shared()));
        properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return new TestGateway(GatewayApplication.builder().run(arguments.toArray(String[]::new)));
    }

    /** The command-line arguments every test gateway gets: a free port, the tests' broker, the transport and WebSocket under test. */
    static List<String> arguments(TestInfrastructure infra) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--spring.kafka.bootstrap-servers=" + infra.kafkaBootstrapServers()));
        String transport = System.getProperty(TRANSPORT_PROPERTY);
        if (transport != null && !transport.isBlank()) {
            arguments.add("--spring.main.web-application-type=" + transport);
        }
        String reactiveWebSocket = System.getProperty(REACTIVE_WEBSOCKET_PROPERTY);
        if (reactiveWebSocket != null && !reactiveWebSocket.isBlank()) {
            arguments.add("--" + GatewayProperties.REACTIVE_WEBSOCKET + "=" + reactiveWebSocket);
        }
        return arguments;
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    @Override
    public void close() {
        context.close();
    }
}

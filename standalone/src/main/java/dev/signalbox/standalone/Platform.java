package dev.signalbox.standalone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.signalbox.events.Topics;
import dev.signalbox.gateway.GatewayApplication;
import dev.signalbox.ingest.IngestApplication;
import dev.signalbox.ingest.jobs.JobBoard;
import dev.signalbox.localinfra.LocalKafka;
import dev.signalbox.localinfra.LocalPostgres;
import dev.signalbox.processor.ProcessorApplication;

/**
 * Starts the platform's parts in dependency order — Kafka and PostgreSQL (embedded unless given),
 * ingest, processor, gateway — each app in a Spring context of its own, and stops them in reverse.
 */
final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);
    private static final String DATABASE = "signalbox";
    /** The demo transit feed's id: also the processor's default operator feed. */
    static final String DEMO_FEED = "demo";

    /** Only ingest writes PostgreSQL; the other apps must not configure a DataSource. */
    private static final String NO_DATABASE = String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration");

    private final List<AutoCloseable> started = new ArrayList<>();
    private String kafkaBootstrapServers;
    private ConfigurableApplicationContext ingest;
    private ConfigurableApplicationContext processor;
    private ConfigurableApplicationContext gateway;

    private Platform() {
    }

    static Platform start(StandaloneSettings settings) {
        Platform platform = new Platform();
        try {
            platform.startAll(settings);
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    private void startAll(StandaloneSettings settings) {
        String jdbcUrl = settings.postgresUrl();
        if (jdbcUrl == null) {
            LocalPostgres postgres = LocalPostgres.start(settings.dataDirectory().resolve("postgres"), 0, true);
            started.add(postgres);
            jdbcUrl = postgres.createDatabaseIfAbsent(DATABASE);
        }
        kafkaBootstrapServers = settings.kafkaBootstrapServers();
        if (kafkaBootstrapServers == null) {
            LocalKafka kafka = LocalKafka.start(settings.dataDirectory().resolve("kafka"), 0);
            started.add(kafka);
            kafkaBootstrapServers = kafka.bootstrapServers();
        }

        Map<String, String> common = new LinkedHashMap<>();
        common.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
        // One logging system serves all three apps in this JVM, so a per-app name in each line would mislead.
        common.put("logging.include-application-name", "false");

        Map<String, String> ingestProperties = new LinkedHashMap<>(common);
        ingestProperties.put("server.port", String.valueOf(settings.ingestPort()));
        ingestProperties.put("spring.datasource.url", jdbcUrl);
        ingestProperties.put("spring.datasource.username", settings.postgresUser());
        ingestProperties.put("spring.datasource.password", settings.postgresPassword());
        if (settings.demoFeed()) {
            ingestProperties.putAll(demoTransit());
        }
        ingest = run(IngestApplication.builder(), ingestProperties, settings);

        Map<String, String> processorProperties = new LinkedHashMap<>(common);
        processorProperties.put("server.port", String.valueOf(settings.processorPort()));
        processorProperties.put("spring.autoconfigure.exclude", NO_DATABASE);
        processorProperties.put("spring.kafka.streams.state-dir", settings.dataDirectory().resolve("streams").toAbsolutePath().toString());
        processor = run(ProcessorApplication.builder(), processorProperties, settings);

        Map<String, String> gatewayProperties = new LinkedHashMap<>(common);
        gatewayProperties.put("server.port", String.valueOf(settings.gatewayPort()));
        gatewayProperties.put("spring.autoconfigure.exclude", NO_DATABASE);
        // The processor created every domain's live topic above, so the gateway can serve them all.
        for (String domain : List.of("jobs", "sports", "transit", "notifications")) {
            gatewayProperties.put("signalbox.gateway.live-topics." + domain, Topics.live(domain));
        }
        // Development sign-in: a secret of this run only, and the token issuer that uses it (see DevTokenIssuer).
        gatewayProperties.put("signalbox.gateway.auth.hmac-secret", newSecret());
        gateway = run(GatewayApplication.builder().sources(DevTokenIssuer.class), gatewayProperties, settings);
        log.info("Development tokens (standalone only): curl -XPOST 'http://localhost:{}{}?user=ada'", gatewayPort(), DevTokenIssuer.PATH);

        if (settings.demoFeed()) {
            started.add(DemoJobFeed.start(ingest.getBean(JobBoard.class)));
        }
    }

    /**
     * DEMO: a living transit network with no internet — the GTFS sample feed imported as feed
     * {@value #DEMO_FEED} (the processor's operator feed), made live by ingest's own feed simulator
     * and polled from it as an agency's GTFS-Realtime feed would be.
     */
    static Map<String, String> demoTransit() {
        Map<String, String> demo = new LinkedHashMap<>();
        demo.put("signalbox.ingest.transit.schedules[0].feed-id", DEMO_FEED);
        demo.put("signalbox.ingest.transit.schedules[0].source", "classpath:demo/gtfs/sample-feed.zip");
        demo.put("signalbox.ingest.transit.simulator.enabled", "true");
        demo.put("signalbox.ingest.transit.realtime[0].id", DEMO_FEED);
        demo.put("signalbox.ingest.transit.realtime[0].url", "/simulator/" + DEMO_FEED + "/gtfs-rt");
        demo.put("signalbox.ingest.transit.realtime[0].interval", "10s");
        return demo;
    }

    private ConfigurableApplicationContext run(SpringApplicationBuilder app, Map<String, String> properties, StandaloneSettings settings) {
        List<String> args = new ArrayList<>();
        // As arguments, so they outrank each app's own defaults, as a deployment's settings do; one
        // given by the caller replaces this class's (Spring would join two values of one key with a comma).
        properties.forEach((key, value) -> {
            if (settings.appArguments().stream().noneMatch(argument -> argument.startsWith("--" + key + "="))) {
                args.add("--" + key + "=" + value);
            }
        });
        args.addAll(settings.appArguments());
        // This class stops the apps, in order; their own shutdown hooks would race each other.
        ConfigurableApplicationContext context = app.registerShutdownHook(false).run(args.toArray(String[]::new));
        started.add(context);
        return context;
    }

    private static String newSecret() {
        byte[] secret = new byte[32];
        new java.security.SecureRandom().nextBytes(secret);
        return java.util.HexFormat.of().formatHex(secret);
    }

    int gatewayPort() {
        return ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    int ingestPort() {
        return ((WebServerApplicationContext) ingest).getWebServer().getPort();
    }

    /** The processor's Spring context, for a test that must see its state. */
    ConfigurableApplicationContext processor() {
        return processor;
    }

    String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Stops what started, newest first: demo feed, gateway, processor, ingest, Kafka, PostgreSQL. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                log.warn("Stopping {} failed", started.get(i), e);
            }
        }
        started.clear();
    }
}

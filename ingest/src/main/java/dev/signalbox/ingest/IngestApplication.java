package dev.signalbox.ingest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Writes the domain through a validated API and captures every committed change into Kafka. */
@SpringBootApplication
@EnableConfigurationProperties(IngestProperties.class)
public class IngestApplication {

    /**
     * Its own configuration file name, {@value #CONFIG_NAME}.yml, because standalone runs every app
     * in one JVM, where one classpath cannot hold three files called application.yml.
     */
    public static final String CONFIG_NAME = "signalbox-ingest";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IngestApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}

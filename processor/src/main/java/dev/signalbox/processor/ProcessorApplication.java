package dev.signalbox.processor;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Runs the Kafka Streams topologies that turn captured changes into channel events. */
@SpringBootApplication
@EnableConfigurationProperties(ProcessorProperties.class)
public class ProcessorApplication {

    /**
     * Its own configuration file name, {@value #CONFIG_NAME}.yml, because standalone runs every app
     * in one JVM, where one classpath cannot hold three files called application.yml.
     */
    public static final String CONFIG_NAME = "signalbox-processor";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ProcessorApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}

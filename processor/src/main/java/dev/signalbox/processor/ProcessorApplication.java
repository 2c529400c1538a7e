package dev.signalbox.processor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Runs the Kafka Streams topologies that turn captured changes into channel events. */
@SpringBootApplication
@EnableConfigurationProperties(ProcessorProperties.class)
public class ProcessorApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProcessorApplication.class, args);
    }
}

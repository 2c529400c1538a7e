package dev.signalbox.gateway;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Pushes channels to browsers over WebSocket; a channel's position is its Kafka offset. */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayApplication {

    /**
     * Its own configuration file name, {@value #CONFIG_NAME}.yml, because standalone runs every app
     * in one JVM, where one classpath cannot hold three files called application.yml.
     */
    public static final String CONFIG_NAME = "signalbox-gateway";

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=" + CONFIG_NAME);
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}

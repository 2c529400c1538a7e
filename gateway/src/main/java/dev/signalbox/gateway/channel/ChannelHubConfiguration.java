package dev.signalbox.gateway.channel;

import java.time.Duration;

import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.signalbox.gateway.GatewayProperties;

@Configuration(proxyBeanMethods = false)
class ChannelHubConfiguration {

    @Bean(destroyMethod = "close")
    ChannelHub channelHub(KafkaConnectionDetails kafka, GatewayProperties properties) {
        return new ChannelHub(String.join(",", kafka.getBootstrapServers()), properties.liveTopics(), properties.stateTopics(),
                properties.catchUpThreads(),
                Duration.ofMinutes(2));
    }
}

package dev.signalbox.gateway.auth;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.signalbox.gateway.GatewayProperties;

@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    TokenVerifier tokenVerifier(GatewayProperties properties) {
        return TokenVerifier.of(properties.auth());
    }

    /** Ends sessions whose token expired; one thread is plenty, each task only closes a connection. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService tokenExpiry() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "signalbox-token-expiry");
            thread.setDaemon(true);
            return thread;
        });
    }
}

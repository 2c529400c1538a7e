package dev.signalbox.gateway.session;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.signalbox.gateway.GatewayProperties;

/** The threads that write queued frames to clients, shared by every transport. */
@Configuration(proxyBeanMethods = false)
public class SessionWritersConfiguration {

    public static final String BEAN = "sessionWriters";

    @Bean(name = BEAN, destroyMethod = "shutdownNow")
    ExecutorService sessionWriters(GatewayProperties properties) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(properties.writerThreads(), runnable -> {
            Thread thread = new Thread(runnable, "signalbox-writer-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}

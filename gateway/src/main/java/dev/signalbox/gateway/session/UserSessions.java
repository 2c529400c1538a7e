package dev.signalbox.gateway.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** How many sessions each authenticated user has open on this instance, against a limit. */
public final class UserSessions {

    private final int maxPerUser;
    private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

    public UserSessions(int maxPerUser) {
        this.maxPerUser = maxPerUser;
    }

    /** Counts one more session of {@code userId}, unless that would pass the limit. */
    public boolean tryOpen(String userId) {
        boolean[] admitted = {false};
        open.compute(userId, (user, count) -> {
            AtomicInteger sessions = count == null ? new AtomicInteger() : count;
            if (sessions.get() < maxPerUser) {
                sessions.incrementAndGet();
                admitted[0] = true;
            }
            return sessions;
        });
        return admitted[0];
    }

    public void close(String userId) {
        open.computeIfPresent(userId, (user, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    public int maxPerUser() {
        return maxPerUser;
    }
}

package dev.signalbox.gateway.session;

/** A token bucket for one session's inbound messages: {@code perSecond} a second, bursts of as many. */
final class InboundRate {

    private final int perSecond;
    private double tokens;
    private long refilledAt = System.nanoTime();

    InboundRate(int perSecond) {
        this.perSecond = perSecond;
        this.tokens = perSecond;
    }

    synchronized boolean tryAcquire() {
        long now = System.nanoTime();
        tokens = Math.min(perSecond, tokens + (now - refilledAt) / 1e9 * perSecond);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }

    int perSecond() {
        return perSecond;
    }
}

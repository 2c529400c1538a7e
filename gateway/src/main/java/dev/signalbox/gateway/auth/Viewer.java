package dev.signalbox.gateway.auth;

import java.time.Instant;

import dev.signalbox.events.Channel;

/**
 * Who is watching: an authenticated user (the token's subject), an admin, or nobody in particular.
 *
 * @param userId    the token's {@code sub}; null when anonymous
 * @param admin     may watch every user's private channels
 * @param expiresAt when the token expires; null when anonymous
 */
public record Viewer(String userId, boolean admin, Instant expiresAt) {

    public static final Viewer ANONYMOUS = new Viewer(null, false, null);

    public boolean isAnonymous() {
        return userId == null;
    }

    /** A private channel ({@code <domain>.user.<id>}) is this viewer's own, or the viewer is an admin; public ones are anyone's. */
    public boolean maySee(Channel channel) {
        if (!channel.isPrivate()) {
            return true;
        }
        if (admin) {
            return true;
        }
        return userId != null && channel.name().endsWith(".user." + Channel.segment(userId));
    }
}

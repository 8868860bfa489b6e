package io.lotse.web.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused without looking at the password, after too many failures of that user from that address. */
final class TooManyAttemptsException extends AuthenticationException {

    private final Duration retryAfter;

    TooManyAttemptsException(Duration retryAfter) {
        super("Too many failed sign-ins. Try again in " + minutes(retryAfter) + ".");
        this.retryAfter = retryAfter;
    }

    /** The {@code Retry-After} header's value: whole seconds, at least one. */
    String retryAfterSeconds() {
        return String.valueOf(Math.max(1, retryAfter.toSeconds()));
    }

    private static String minutes(Duration duration) {
        long minutes = Math.max(1, (duration.toSeconds() + 59) / 60);
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }
}

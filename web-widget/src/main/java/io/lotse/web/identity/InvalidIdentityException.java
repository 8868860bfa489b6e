package io.lotse.web.identity;

import java.util.Objects;

/**
 * A signed identity that {@link IdentityVerifier} did not accept; the customer goes on anonymously.
 *
 * <p>The message says what was wrong for the log, and never holds the token or the secret; it is
 * not meant for the customer, who gets the code {@code invalid_identity} alone.
 */
public class InvalidIdentityException extends RuntimeException {

    /** What was wrong with a token. */
    public enum Reason {
        /** No {@code chatbot.identity.secret} is configured, so no identity can be verified. */
        NOT_CONFIGURED,
        /** Longer than {@link IdentityVerifier#MAX_TOKEN_LENGTH} characters. */
        TOO_LONG,
        /** Not a JWT, or its claims are not a JSON object of the right types. */
        MALFORMED,
        /** Signed with another algorithm than HS256, or not signed at all ({@code none}), or encrypted. */
        ALGORITHM,
        /** The signature does not match: another key, or a changed token. */
        SIGNATURE,
        /** {@code exp} has passed (beyond the allowed clock skew). */
        EXPIRED,
        /** {@code nbf} is still to come (beyond the allowed clock skew). */
        NOT_YET_VALID,
        /** {@code sub} or {@code exp} is absent. */
        MISSING_CLAIM,
        /** A claim has a value that is not allowed: an unknown tier, a bad e-mail address, too long a name… */
        INVALID_CLAIM
    }

    private final Reason reason;

    public InvalidIdentityException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** What was wrong. */
    public Reason reason() {
        return reason;
    }
}

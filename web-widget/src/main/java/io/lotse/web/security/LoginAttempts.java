package io.lotse.web.security;

import io.lettuce.core.ScriptOutputType;
import io.lotse.web.redis.RedisConnections;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failed sign-ins per user name and client address, kept in Redis so that every node of an
 * installation counts them together.
 *
 * <p>Each failure counts one up and keeps the count for {@code lockout} from then; at
 * {@code maxFailures} the pair is locked until the count expires, {@code lockout} after the last
 * failure. A success forgets the count. User names are compared ignoring case, as at sign-in; the key
 * holds a hash of name and address, never either as given.
 *
 * <p>When Redis cannot be reached nothing is counted and nobody is locked out: sign-in keeps working
 * with the passwords alone, and the log says so.
 */
final class LoginAttempts {

    private static final Logger log = LoggerFactory.getLogger(LoginAttempts.class);
    private static final String FAIL = """
            local n = redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return n
            """;

    private final RedisConnections redis;
    private final String keyPrefix;
    private final int maxFailures;
    private final Duration lockout;

    LoginAttempts(RedisConnections redis, String keyPrefix, int maxFailures, Duration lockout) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("chatbot.security.login-attempts must be at least 1, not " + maxFailures);
        }
        if (lockout == null || lockout.isNegative() || lockout.isZero()) {
            throw new IllegalArgumentException("chatbot.security.login-lockout must be a positive duration such as 15m, not " + lockout);
        }
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    int maxFailures() {
        return maxFailures;
    }

    /**
     * The failures in a row of the user from this address, and how much longer they are locked out
     * (empty when they may try).
     */
    record Standing(long failures, Optional<Duration> lockedFor) {

        static final Standing CLEAN = new Standing(0, Optional.empty());
    }

    /** Where the user stands from this address: one Redis read, two while locked out. */
    Standing standing(String user, String address) {
        try {
            String key = key(user, address);
            String count = redis.main().sync().get(key);
            long failures = count == null ? 0 : Long.parseLong(count);
            if (failures < maxFailures) {
                return new Standing(failures, Optional.empty());
            }
            long millis = redis.main().sync().pttl(key);
            return new Standing(failures, Optional.of(millis > 0 ? Duration.ofMillis(millis) : lockout));
        } catch (RuntimeException e) {
            log.warn("Failed sign-ins cannot be counted right now (Redis: {}); sign-in is not limited", e.getMessage());
            return Standing.CLEAN;
        }
    }

    /** Counts a failure; the number of failures in a row, 0 when it could not be counted. */
    long failed(String user, String address) {
        try {
            Long count = redis.main().sync().eval(FAIL, ScriptOutputType.INTEGER, new String[] {key(user, address)},
                    String.valueOf(lockout.toMillis()));
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            log.warn("Failed sign-ins cannot be counted right now (Redis: {}); sign-in is not limited", e.getMessage());
            return 0;
        }
    }

    /** Forgets the failures of the user from this address. */
    void succeeded(String user, String address) {
        try {
            redis.main().sync().del(key(user, address));
        } catch (RuntimeException e) {
            log.warn("Failed sign-ins cannot be reset right now (Redis: {})", e.getMessage());
        }
    }

    private String key(String user, String address) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(
                    (String.valueOf(user).toLowerCase(Locale.ROOT) + "\n" + address).getBytes(StandardCharsets.UTF_8));
            return keyPrefix + ":web:login-failures:" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}

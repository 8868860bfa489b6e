package io.lotse.web.chat;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The keys that sign and check customer tokens: the configured one, or one generated once per
 * installation and kept in Redis, so that every node signs with the same key.
 *
 * <p>Redis may lose its data (a restart without its files, a failover to an empty replica) while
 * nodes keep running. Every second each node writes the key it signs with back when Redis has none
 * ({@code SET NX}) and then adopts whatever key Redis holds, so that all nodes agree again within a
 * second, whichever wrote first. Keys the installation signed with before are not forgotten: each
 * node adds the keys it has signed with to a set in Redis, and checks tokens against all of them,
 * so a token signed before the loss still verifies on a node that started after it. A token that
 * none of the keys verifies makes the node look again at once (at most once a second), in case
 * another node's key arrived in the meantime.
 */
final class TokenKeys {

    private static final Logger log = LoggerFactory.getLogger(TokenKeys.class);
    /** The fewest bytes a configured secret must have. */
    static final int MIN_SECRET = 16;
    /** The most keys tokens are checked against: one more each time Redis lost its data. */
    private static final int MAX_ACCEPTED = 16;
    private static final long MISS_REFRESH_NANOS = 1_000_000_000L;

    private final RedisCommands<String, String> redis;
    private final String currentKey;
    private final String acceptedKey;
    private volatile byte[] signing;
    private volatile List<byte[]> accepted;
    /** The keys this node has signed with (Base64), which it tells the other nodes of. */
    private final Set<String> used = new LinkedHashSet<>();
    private long lastMissRefresh;

    private TokenKeys(RedisCommands<String, String> redis, String keyPrefix, byte[] key) {
        this.redis = redis;
        this.currentKey = keyPrefix + ":web:token-secret";
        this.acceptedKey = keyPrefix + ":web:token-secrets";
        this.signing = key;
        this.accepted = List.of(key);
    }

    /** The one key an operator configured; nothing is kept in Redis. */
    static TokenKeys fixed(byte[] secret) {
        if (secret.length < MIN_SECRET) {
            throw new IllegalArgumentException("the token secret needs at least " + MIN_SECRET + " bytes");
        }
        return new TokenKeys(null, null, secret.clone());
    }

    /**
     * A key shared through Redis under the prefix: the one there, else a new random one, written there.
     * When Redis holds none, the node first waits a little longer than the other nodes take to write
     * theirs back ({@link #KEY_WAIT_MILLIS}): a node starting just after Redis lost its data would
     * otherwise put its own key there first, and the tokens the running nodes signed until they adopt
     * it would not verify here. Only a new installation's first start waits for nothing.
     */
    static TokenKeys shared(RedisCommands<String, String> redis, String keyPrefix) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        TokenKeys keys = new TokenKeys(redis, keyPrefix, random);
        keys.awaitRunningNodes();
        keys.refresh();
        return keys;
    }

    /** One refresh period of the running nodes and a margin. */
    static final long KEY_WAIT_MILLIS = 1500;

    private void awaitRunningNodes() {
        long until = System.nanoTime() + KEY_WAIT_MILLIS * 1_000_000;
        while (redis.get(currentKey) == null && redis.scard(acceptedKey) == 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    byte[] signing() {
        return signing;
    }

    /** The key Redis holds first, then the others the installation signed with. */
    List<byte[]> accepted() {
        return accepted;
    }

    @Scheduled(fixedDelay = 1000, initialDelay = 1000)
    void refreshQuietly() {
        if (redis == null) {
            return;
        }
        try {
            refresh();
        } catch (RuntimeException e) {
            log.debug("Could not compare the token key with Redis: {}", e.toString());
        }
    }

    /**
     * After a token none of the keys verified: looks at Redis again, unless it did less than a second ago.
     *
     * @return whether the keys may have changed
     */
    boolean refreshAfterMiss() {
        if (redis == null) {
            return false;
        }
        synchronized (this) {
            long now = System.nanoTime();
            if (lastMissRefresh != 0 && now - lastMissRefresh < MISS_REFRESH_NANOS) {
                return false;
            }
            lastMissRefresh = now;
        }
        refreshQuietly();
        return true;
    }

    /** Writes this node's key back if Redis has none, adopts the one Redis has, and shares the keys signed with. */
    synchronized void refresh() {
        Base64.Encoder encoder = Base64.getEncoder();
        redis.set(currentKey, encoder.encodeToString(signing), SetArgs.Builder.nx());
        String current = redis.get(currentKey);
        if (current == null) {
            return;
        }
        byte[] key = Base64.getDecoder().decode(current);
        if (!current.equals(encoder.encodeToString(signing)) && !used.isEmpty()) {
            log.warn("The customer token key in Redis changed (did Redis lose its data?); signing with it now, "
                    + "and still accepting tokens signed before");
        }
        used.add(current);
        redis.sadd(acceptedKey, used.toArray(String[]::new));
        List<byte[]> keys = new ArrayList<>();
        keys.add(key);
        for (String other : redis.smembers(acceptedKey)) {
            if (!other.equals(current) && keys.size() < MAX_ACCEPTED) {
                keys.add(Base64.getDecoder().decode(other));
            }
        }
        signing = key;
        accepted = List.copyOf(keys);
    }
}

package io.lotse.web.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lotse.web.AppIT;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes sharing the generated token key through the machine's Redis (under a prefix of their own),
 * also after Redis lost the key: whichever node writes its key back first, every node signs with it
 * and still accepts the tokens signed before.
 */
class TokenKeysTests {

    private final String prefix = "lotse-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
    private final StatefulRedisConnection<String, String> connection = client.connect();
    private final RedisCommands<String, String> redis = connection.sync();

    @AfterEach
    void cleanUp() {
        AppIT.deleteKeys(prefix);
        connection.close();
        client.shutdown();
    }

    @Test
    void nodesShareOneKeyAndAgreeAgainAfterRedisLostIt() {
        ConversationTokens first = tokens(TokenKeys.shared(redis, prefix));
        TokenKeys secondKeys = TokenKeys.shared(redis, prefix);
        ConversationTokens second = tokens(secondKeys);
        String before = first.issue("conv-1");
        assertThat(second.verify(before)).hasValue("conv-1");

        // Redis loses everything, and a node that starts now writes a key of its own before the others look.
        redis.del(prefix + ":web:token-secret", prefix + ":web:token-secrets");
        TokenKeys restartedKeys = TokenKeys.shared(redis, prefix);
        ConversationTokens restarted = tokens(restartedKeys);
        String fromRestarted = restarted.issue("conv-2");

        assertThat(first.verify(fromRestarted)).as("a node that has not looked yet looks when a token does not verify")
                .hasValue("conv-2");
        secondKeys.refresh();
        restartedKeys.refresh();
        assertThat(second.verify(fromRestarted)).hasValue("conv-2");
        assertThat(restarted.verify(before)).as("tokens signed before the loss still verify everywhere").hasValue("conv-1");
        assertThat(second.issue("conv-3")).isNotNull();
        assertThat(restarted.verify(second.issue("conv-3"))).hasValue("conv-3");
        assertThat(first.verify(restarted.issue("conv-4"))).hasValue("conv-4");
    }

    @Test
    void aNodeWritesItsKeyBackWhenRedisHasNone() {
        TokenKeys keys = TokenKeys.shared(redis, prefix);
        ConversationTokens node = tokens(keys);
        String token = node.issue("conv-1");
        redis.del(prefix + ":web:token-secret", prefix + ":web:token-secrets");

        keys.refresh();
        ConversationTokens startedLater = tokens(TokenKeys.shared(redis, prefix));

        assertThat(startedLater.verify(token)).hasValue("conv-1");
        assertThat(node.verify(startedLater.issue("conv-2"))).hasValue("conv-2");
    }

    @Test
    void anotherInstallationsTokensDoNotVerify() {
        ConversationTokens mine = tokens(TokenKeys.shared(redis, prefix));
        ConversationTokens theirs = tokens(TokenKeys.shared(redis, prefix + "-other"));
        try {
            assertThat(mine.verify(theirs.issue("conv-1"))).isEmpty();
        } finally {
            AppIT.deleteKeys(prefix + "-other");
        }
    }

    private static ConversationTokens tokens(TokenKeys keys) {
        return new ConversationTokens(keys, Duration.ofDays(30), Clock.systemUTC());
    }
}

package io.lotse.web.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lotse.web.AppIT;
import io.lotse.web.LotseProperties;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chat's limits in the machine's Redis (under a prefix of their own), as two nodes see them. */
class ChatLimitsTests {

    private final String prefix = "lotse-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
    private final StatefulRedisConnection<String, byte[]> one = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    private final StatefulRedisConnection<String, byte[]> two = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    private final LotseProperties.Chat settings = new LotseProperties.Chat(2000, 4, Duration.ofSeconds(10), Duration.ofDays(30),
            Duration.ofDays(30), 3, null, null);
    private final ChatLimits node = limits(one);
    private final ChatLimits otherNode = limits(two);

    @AfterEach
    void cleanUp() {
        AppIT.deleteKeys(prefix);
        one.close();
        two.close();
        client.shutdown();
    }

    @Test
    void newConversationsAreCountedPerAddressOnEveryNodeTogether() {
        assertThat(node.allowNewConversation("203.0.113.7")).isTrue();
        assertThat(otherNode.allowNewConversation("203.0.113.7")).isTrue();
        assertThat(node.allowNewConversation("203.0.113.7")).isTrue();
        assertThat(otherNode.allowNewConversation("203.0.113.7")).isFalse();
        assertThat(node.allowNewConversation("203.0.113.7")).isFalse();

        assertThat(node.allowNewConversation("198.51.100.1")).as("another address").isTrue();

        node.forgetAddress("203.0.113.7");
        assertThat(otherNode.allowNewConversation("203.0.113.7")).isTrue();
    }

    @Test
    void messagesAreCountedPerConversationOnEveryNodeTogether() {
        long allowed = IntStream.range(0, 10).filter(i -> (i % 2 == 0 ? node : otherNode).allowMessage("conv-1")).count();
        assertThat(allowed).isEqualTo(4);
        assertThat(node.allowMessage("conv-2")).as("another conversation").isTrue();

        node.forget("conv-1");
        assertThat(otherNode.allowMessage("conv-1")).isTrue();
    }

    @Test
    void aLimitThatCannotBeCheckedLetsThrough() {
        two.close();
        assertThat(otherNode.allowNewConversation("203.0.113.7")).isTrue();
        assertThat(otherNode.allowMessage("conv-1")).isTrue();
    }

    private ChatLimits limits(StatefulRedisConnection<String, byte[]> connection) {
        ProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        return new ChatLimits(buckets, prefix, settings);
    }
}

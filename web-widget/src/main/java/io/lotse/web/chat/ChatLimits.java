package io.lotse.web.chat;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.lotse.web.LotseProperties;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat's limits against floods, kept in Redis (Bucket4j token buckets) so that they hold on
 * every node together: new conversations per client address and minute, and messages per
 * conversation and window, however many connections the conversation has open.
 *
 * <p>Each limit is a fixed window that starts with a client's (or conversation's) first request:
 * the whole allowance at once, and all of it again when the window has passed (Bucket4j's
 * intervally refill), so that "20 a minute" means 20 in a minute and the 21st is refused, however
 * fast they come. A bucket's key expires once it would be full again. A limit
 * that cannot be checked because Redis is away lets the request pass: what follows needs Redis too,
 * and says so.
 */
final class ChatLimits {

    private static final Logger log = LoggerFactory.getLogger(ChatLimits.class);

    private final ProxyManager<String> buckets;
    private final String prefix;
    private final BucketConfiguration newConversations;
    private final BucketConfiguration messages;

    ChatLimits(ProxyManager<String> buckets, String keyPrefix, LotseProperties.Chat chat) {
        this.buckets = buckets;
        this.prefix = keyPrefix + ":web:rate:";
        int perMinute = chat.newConversationsPerMinute();
        this.newConversations = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(perMinute).refillIntervally(perMinute, Duration.ofMinutes(1)).build())
                .build();
        this.messages = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(chat.rateLimitMessages())
                        .refillIntervally(chat.rateLimitMessages(), chat.rateLimitWindow()).build())
                .build();
    }

    /** Whether the client at this address may start one more conversation now; counts it when it may. */
    boolean allowNewConversation(String address) {
        return tryConsume(newConversations(address), "new conversations");
    }

    /** Whether the conversation may take one more message now, from any of its connections; counts it when it may. */
    boolean allowMessage(String conversationId) {
        return tryConsume(messages(conversationId), "messages");
    }

    /** Drops the message limit of a conversation that is gone. */
    void forget(String conversationId) {
        remove(prefix + "msg:" + conversationId);
    }

    Bucket newConversations(String address) {
        return buckets.builder().build(prefix + "new:" + address, () -> newConversations);
    }

    /** Starts the address afresh, as if it had started no conversation. */
    void forgetAddress(String address) {
        remove(prefix + "new:" + address);
    }

    private Bucket messages(String conversationId) {
        return buckets.builder().build(prefix + "msg:" + conversationId, () -> messages);
    }

    private static boolean tryConsume(Bucket bucket, String what) {
        try {
            return bucket.tryConsume(1);
        } catch (RuntimeException e) {
            log.debug("Could not check the limit of {}; letting it pass: {}", what, e.toString());
            return true;
        }
    }

    private void remove(String key) {
        try {
            buckets.removeProxy(key);
        } catch (RuntimeException e) {
            log.debug("Could not drop a rate limit: {}", e.toString());
        }
    }
}

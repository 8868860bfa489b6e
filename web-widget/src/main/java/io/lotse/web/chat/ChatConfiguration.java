package io.lotse.web.chat;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lotse.bot.BotSettings;
import io.lotse.bot.calibration.Calibration;
import io.lotse.handoff.Handoff;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.web.LotseProperties;
import io.lotse.web.redis.RedisConnections;
import io.micrometer.core.instrument.MeterRegistry;
import io.lotse.web.system.StrictJson;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import tools.jackson.databind.json.JsonMapper;

/** Wires the conversation engine, the handoff and the customer WebSocket of this node. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ChatConfiguration.class);

    private static final Duration RECALIBRATION_CHECK = Duration.ofMinutes(5);

    @Bean
    BotMeters botMeters(MeterRegistry meters) {
        return new BotMeters(meters);
    }

    /** The engine, calibrated on the knowledge base after start; checked for changed articles every few minutes. */
    @Bean(destroyMethod = "close")
    CalibratedBot calibratedBot(KnowledgeBase knowledgeBase, LotseProperties properties, BotMeters meters) {
        return new CalibratedBot(knowledgeBase, properties.bot(), RECALIBRATION_CHECK, meters);
    }

    /** {@code OUT_OF_SERVICE} until the bot is first calibrated, so that a load balancer waits for it. */
    @Bean
    HealthIndicator botHealthIndicator(CalibratedBot bot) {
        return () -> bot.calibrated() ? Health.up().build() : Health.outOfService().withDetail("calibrating", true).build();
    }

    static BotSettings settings(LotseProperties.Bot bot, Calibration.Result calibration) {
        BotSettings calibrated = calibration.applyTo(BotSettings.defaults());
        double answer = bot.answerThreshold() != null ? bot.answerThreshold() : calibrated.answerThreshold();
        double clarify = bot.clarifyThreshold() != null ? bot.clarifyThreshold()
                : Math.min(calibrated.clarifyThreshold(), answer);
        return new BotSettings(answer, clarify,
                bot.clarifyMargin() != null ? bot.clarifyMargin() : calibrated.clarifyMargin(),
                calibrated.maxUnanswered(), calibrated.candidates());
    }

    @Bean
    TokenKeys tokenKeys(LotseProperties properties, RedisConnections redis) {
        String configured = properties.security().tokenSecret();
        if (configured != null && !configured.isBlank()) {
            return TokenKeys.fixed(configured.getBytes(StandardCharsets.UTF_8));
        }
        // One key per installation, shared by every node through Redis and kept across restarts.
        return TokenKeys.shared(redis.main().sync(), properties.redis().keyPrefix());
    }

    @Bean
    ConversationTokens conversationTokens(TokenKeys keys, LotseProperties properties) {
        return new ConversationTokens(keys, properties.security().tokenTtl(), Clock.systemUTC());
    }

    @Bean
    ChatLimits chatLimits(LotseProperties properties, RedisConnections redis) {
        ProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(redis.newBinaryConnection())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        return new ChatLimits(buckets, properties.redis().keyPrefix(), properties.chat());
    }

    @Bean
    ChatConnections chatConnections(Handoff handoff, JsonMapper json, ChatLimits limits) {
        return new ChatConnections(handoff, json, limits);
    }

    @Bean
    ChatService chatService(Handoff handoff, CalibratedBot bot, JsonMapper json, KnowledgeBase knowledgeBase, BotMeters meters) {
        return new ChatService(handoff, bot::engine, new BotFrames(), json,
                articleId -> articleId == null ? null : knowledgeBase.get(articleId).map(Article::category).orElse(null), meters);
    }

    @Bean
    ChatWebSocketHandler chatWebSocketHandler(Handoff handoff, ChatService chat, ChatConnections connections,
            ConversationTokens tokens, JsonMapper json, LotseProperties properties, ChatLimits limits, ChatCapacity capacity) {
        return new ChatWebSocketHandler(handoff, chat, connections, tokens, StrictJson.strict(json), properties.chat(),
                properties.identity().verifier(), limits, capacity);
    }

    @Bean
    WebSocketConfigurer chatWebSocket(ChatWebSocketHandler handler, LotseProperties properties) {
        WholeTextMessages whole = new WholeTextMessages(handler,
                (int) Math.min(WholeTextMessages.maxFrameChars(properties.chat().maxMessageLength()), properties.http().maxBody().toBytes()));
        return (WebSocketHandlerRegistry registry) -> registry.addHandler(whole, "/ws/chat")
                .setAllowedOriginPatterns(properties.security().allowedOrigins().toArray(String[]::new));
    }
}

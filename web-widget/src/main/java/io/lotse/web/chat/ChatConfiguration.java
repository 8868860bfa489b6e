package io.lotse.web.chat;

import io.lotse.bot.BotSettings;
import io.lotse.bot.Calibration;
import io.lotse.handoff.Handoff;
import io.lotse.knowledge.Article;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.web.LotseProperties;
import io.lotse.web.redis.RedisConnections;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
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

    /** The engine, calibrated on the knowledge base after start; checked for changed articles every few minutes. */
    @Bean(destroyMethod = "close")
    CalibratedBot calibratedBot(KnowledgeBase knowledgeBase, LotseProperties properties) {
        return new CalibratedBot(knowledgeBase, properties.bot(), RECALIBRATION_CHECK);
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
    ConversationTokens conversationTokens(LotseProperties properties, RedisConnections redis) {
        String configured = properties.security().tokenSecret();
        if (configured != null && !configured.isBlank()) {
            return new ConversationTokens(configured.getBytes(StandardCharsets.UTF_8));
        }
        // One secret per installation, shared by every node through Redis and kept across restarts.
        String key = properties.redis().keyPrefix() + ":web:token-secret";
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        redis.main().sync().setnx(key, Base64.getEncoder().encodeToString(random));
        return new ConversationTokens(Base64.getDecoder().decode(redis.main().sync().get(key)));
    }

    @Bean
    ChatConnections chatConnections(Handoff handoff, JsonMapper json) {
        return new ChatConnections(handoff, json);
    }

    @Bean
    ChatService chatService(Handoff handoff, CalibratedBot bot, JsonMapper json, KnowledgeBase knowledgeBase) {
        return new ChatService(handoff, bot::engine, new BotFrames(), json,
                articleId -> articleId == null ? null : knowledgeBase.get(articleId).map(Article::category).orElse(null));
    }

    @Bean
    ChatWebSocketHandler chatWebSocketHandler(Handoff handoff, ChatService chat, ChatConnections connections,
            ConversationTokens tokens, JsonMapper json, LotseProperties properties, ChatCapacity capacity) {
        return new ChatWebSocketHandler(handoff, chat, connections, tokens, json, properties.chat(),
                properties.identity().verifier(), capacity);
    }

    @Bean
    WebSocketConfigurer chatWebSocket(ChatWebSocketHandler handler, LotseProperties properties) {
        WholeTextMessages whole = new WholeTextMessages(handler,
                WholeTextMessages.maxFrameChars(properties.chat().maxMessageLength()));
        return (WebSocketHandlerRegistry registry) -> registry.addHandler(whole, "/ws/chat")
                .setAllowedOriginPatterns(properties.security().allowedOrigins().toArray(String[]::new));
    }
}

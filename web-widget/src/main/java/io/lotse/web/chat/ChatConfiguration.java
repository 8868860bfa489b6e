package io.lotse.web.chat;

import io.lotse.bot.BotEngine;
import io.lotse.bot.BotSettings;
import io.lotse.handoff.Handoff;
import io.lotse.handoff.HandoffSettings;
import io.lotse.knowledge.KnowledgeBase;
import io.lotse.web.LotseProperties;
import io.lotse.web.redis.RedisConnections;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;
import tools.jackson.databind.json.JsonMapper;

/** Wires the conversation engine, the handoff and the customer WebSocket of this node. */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatConfiguration {

    /** Frames above this size close the connection (status 1009); messages themselves are far smaller. */
    private static final int MAX_FRAME_BYTES = 64 * 1024;

    @Bean(destroyMethod = "close")
    Handoff handoff(LotseProperties properties, RedisConnections redis) {
        return new Handoff(redis.main(), redis.newPubSub(),
                new HandoffSettings(properties.redis().keyPrefix(), properties.chat().closedRetention()),
                Clock.systemUTC());
    }

    @Bean
    BotEngine botEngine(KnowledgeBase knowledgeBase, LotseProperties properties) {
        BotSettings defaults = BotSettings.defaults();
        LotseProperties.Bot bot = properties.bot();
        BotSettings settings = new BotSettings(
                bot.answerThreshold() != null ? bot.answerThreshold() : defaults.answerThreshold(),
                bot.clarifyThreshold() != null ? bot.clarifyThreshold() : defaults.clarifyThreshold(),
                defaults.clarifyMargin(),
                defaults.maxUnanswered(),
                defaults.candidates());
        return new BotEngine(knowledgeBase, knowledgeBase::get, settings);
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
    ChatConnections chatConnections(Handoff handoff) {
        return new ChatConnections(handoff);
    }

    @Bean
    ChatService chatService(Handoff handoff, BotEngine engine, JsonMapper json) {
        return new ChatService(handoff, engine, new BotFrames(), json);
    }

    @Bean
    ChatWebSocketHandler chatWebSocketHandler(Handoff handoff, ChatService chat, ChatConnections connections,
            ConversationTokens tokens, JsonMapper json, LotseProperties properties) {
        return new ChatWebSocketHandler(handoff, chat, connections, tokens, json, properties.chat());
    }

    @Bean
    WebSocketConfigurer chatWebSocket(ChatWebSocketHandler handler, LotseProperties properties) {
        return (WebSocketHandlerRegistry registry) -> registry.addHandler(handler, "/ws/chat")
                .setAllowedOriginPatterns(properties.security().allowedOrigins().toArray(String[]::new));
    }

    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(MAX_FRAME_BYTES);
        container.setMaxBinaryMessageBufferSize(1024);
        container.setMaxSessionIdleTimeout(30L * 60 * 1000);
        return container;
    }
}

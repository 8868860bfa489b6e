package io.lotse.web.chat;

import io.lotse.web.LotseProperties;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean;

/**
 * How many customers a node holds, and what each open chat costs it: the ceilings of
 * {@link ChatCapacity}, their health component and meters, and the web server's buffers sized for
 * many idle connections.
 */
@Configuration(proxyBeanMethods = false)
class ChatCapacityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ChatCapacityConfiguration.class);

    /** The health status of a node with no room for another customer; see {@code docs/operations.md}. */
    static final Status FULL = new Status("FULL", "No room for another customer on this node");

    /**
     * The container's text buffer per connection, in characters. Messages arrive in parts of this
     * size and are put together by {@link WholeTextMessages}; most frames fit in one part.
     */
    static final int TEXT_BUFFER_CHARS = 1024;
    /** Binary frames are no part of the protocol; the buffer also stages text on its way to the text buffer. */
    static final int BINARY_BUFFER_BYTES = 1024;
    /** The web server's read and write buffer per connection (Tomcat's default is 8 KiB each). */
    static final int SOCKET_BUFFER_BYTES = 4096;
    /** How long a question may wait for a place before its customer is told the node is busy. */
    static final Duration QUESTION_WAIT = Duration.ofSeconds(1);

    @Bean
    ChatCapacity chatCapacity(LotseProperties properties, Environment environment) {
        LotseProperties.Chat chat = properties.chat();
        int serverConnections = environment.getProperty("server.tomcat.max-connections", Integer.class, 8192);
        int maxConnections = chat.maxConnections() != null ? chat.maxConnections()
                : ChatCapacity.connectionsFor(Runtime.getRuntime().maxMemory(), serverConnections);
        int maxQuestions = chat.maxQuestionsInFlight() != null ? chat.maxQuestionsInFlight()
                : ChatCapacity.questionsFor(Runtime.getRuntime().availableProcessors());
        log.info("Chat capacity: {} open chats{}, {} questions in flight{}; the web server takes {} connections",
                maxConnections, chat.maxConnections() == null ? " (from the heap and the web server's limit)" : "",
                maxQuestions, chat.maxQuestionsInFlight() == null ? " (from the processors)" : "", serverConnections);
        if (serverConnections >= 0 && maxConnections >= serverConnections) {
            log.warn("chatbot.chat.max-connections ({}) is not below server.tomcat.max-connections ({}): past the "
                    + "web server's limit customers get no answer at all instead of 'busy', and health and agents "
                    + "wait too. Raise server.tomcat.max-connections.", maxConnections, serverConnections);
        }
        return new ChatCapacity(maxConnections, maxQuestions, QUESTION_WAIT);
    }

    /** {@code FULL} while the node takes no new customer; see {@code docs/operations.md} for what that means for health. */
    @Bean
    HealthIndicator chatHealthIndicator(ChatCapacity capacity) {
        return () -> Health.status(capacity.full() ? FULL : Status.UP)
                .withDetail("connections", capacity.connections())
                .withDetail("maxConnections", capacity.maxConnections())
                .withDetail("questionsInFlight", capacity.questionsInFlight())
                .withDetail("maxQuestionsInFlight", capacity.maxQuestionsInFlight())
                .build();
    }

    @Bean
    ChatCapacityMeters chatCapacityMeters(ChatCapacity capacity, MeterRegistry meters) {
        Gauge.builder("lotse.chat.connections", capacity, ChatCapacity::connections)
                .description("Open customer chat connections on this node").register(meters);
        Gauge.builder("lotse.chat.connections.max", capacity, ChatCapacity::maxConnections)
                .description("The ceiling of open customer chat connections on this node").register(meters);
        Gauge.builder("lotse.chat.questions.in.flight", capacity, ChatCapacity::questionsInFlight)
                .description("Customer questions being answered on this node").register(meters);
        FunctionCounter.builder("lotse.chat.busy", capacity, ChatCapacity::refusedConnections).tag("what", "connection")
                .description("Customers told the node is busy").register(meters);
        FunctionCounter.builder("lotse.chat.busy", capacity, ChatCapacity::refusedQuestions).tag("what", "question")
                .description("Customers told the node is busy").register(meters);
        return new ChatCapacityMeters();
    }

    /** Marks that the chat capacity's meters are registered. */
    static final class ChatCapacityMeters {}

    /**
     * The WebSocket container's buffers per connection. Tomcat gives every open connection a text
     * buffer of this size (two bytes a character) for its whole life; with the 64 KiB Spring
     * examples use, that is 128 KiB per idle customer, the biggest part of what a chat costs.
     */
    @Bean
    ServletServerContainerFactoryBean webSocketContainer() {
        ServletServerContainerFactoryBean container = new ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(TEXT_BUFFER_CHARS);
        container.setMaxBinaryMessageBufferSize(BINARY_BUFFER_BYTES);
        container.setMaxSessionIdleTimeout(30L * 60 * 1000);
        return container;
    }

    /** Smaller read and write buffers per connection: chat frames are small, and each open chat keeps both. */
    @Bean
    TomcatConnectorCustomizer chatSocketBuffers() {
        return connector -> {
            connector.setProperty("socket.appReadBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
            connector.setProperty("socket.appWriteBufSize", Integer.toString(SOCKET_BUFFER_BYTES));
        };
    }
}

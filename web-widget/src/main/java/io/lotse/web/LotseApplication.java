package io.lotse.web;

import io.lotse.evaluation.EvaluateCommand;
import io.lotse.web.redis.RedisConnections;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts a Lotse node: the chat WebSocket, the agent and editor APIs and pages, and the widget. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LotseApplication {

    /** Tomcat's WebSocket buffer size in bytes; see {@link #main}. */
    static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

    /**
     * Starts the node; with {@code evaluate} as the first argument runs that command instead, without
     * the web server, and exits with its code.
     */
    public static void main(String[] args) {
        if (args.length > 0 && EvaluateCommand.NAME.equals(args[0])) {
            System.exit(EvaluateCommand.run(List.of(args).subList(1, args.length), System.out, System.err,
                    dir -> RedisConnections.embedded(dir, EvaluateCommand.REDIS_TIMEOUT)));
        }
        // Tomcat gives every open WebSocket three buffers of this size (reading frames, writing frames,
        // encoding text), read once when its classes load: 8 KiB each by default. Chat frames are small.
        if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
            System.setProperty(WEBSOCKET_BUFFER_PROPERTY, "4096");
        }
        SpringApplication.run(LotseApplication.class, args);
    }
}

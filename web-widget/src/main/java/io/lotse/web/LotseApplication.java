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

    /**
     * Starts the node; with {@code evaluate} as the first argument runs that command instead, without
     * the web server, and exits with its code.
     */
    public static void main(String[] args) {
        if (args.length > 0 && EvaluateCommand.NAME.equals(args[0])) {
            System.exit(EvaluateCommand.run(List.of(args).subList(1, args.length), System.out, System.err,
                    dir -> RedisConnections.embedded(dir, EvaluateCommand.REDIS_TIMEOUT)));
        }
        SpringApplication.run(LotseApplication.class, args);
    }
}

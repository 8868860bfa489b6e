package io.lotse.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Starts a Lotse node: the chat WebSocket, the agent and editor APIs and pages, and the widget. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LotseApplication {

    public static void main(String[] args) {
        SpringApplication.run(LotseApplication.class, args);
    }
}

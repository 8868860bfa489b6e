package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The agent consoles' event stream, as the network treats it. */
@ExtendWith(OutputCaptureExtension.class)
class AgentEventsIT extends AppIT {

    private static final String ERRORS_LOGGER = "io.lotse.web.system.ApiErrors";

    @Test
    void aConsoleThatGoesAwayIsNoError(CapturedOutput output) throws Exception {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        LogLevel configured = logging.getLoggerConfiguration(ERRORS_LOGGER).getConfiguredLevel();
        logging.setLogLevel(ERRORS_LOGGER, LogLevel.DEBUG);
        try {
            openTheStreamAndDropIt();

            // A customer asks for a person: the queue changes, and the node tells every console it knows of.
            try (ChatClient customer = connect("lang=de")) {
                customer.next("welcome");
                customer.message("h-1", "Ich möchte mit einem Mitarbeiter sprechen");
                customer.drain();
            }

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> output.getAll().contains("/api/agent/events") || output.getAll().contains("Unexpected error"));
            assertThat(output.getAll())
                    .contains("Client went away during GET /api/agent/events")
                    .doesNotContain("Unexpected error")
                    .doesNotContain("Failure in @ExceptionHandler");
            assertThat(output.getAll().lines().filter(line -> line.startsWith("\tat ")))
                    .as("stack trace lines").isEmpty();
        } finally {
            logging.setLogLevel(ERRORS_LOGGER, configured);
        }
    }

    /** Opens the stream as agent anna, waits for its first event, and drops the connection with a reset, as a closed browser tab may. */
    private void openTheStreamAndDropIt() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            String basic = Base64.getEncoder().encodeToString("anna:anna-secret".getBytes(StandardCharsets.UTF_8));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/agent/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Basic " + basic + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder received = new StringBuilder();
            byte[] buffer = new byte[1024];
            while (!received.toString().contains("event:hello")) {
                int read = in.read(buffer);
                assertThat(read).as("the stream ended before its first event: " + received).isPositive();
                received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
            assertThat(received.toString()).startsWith("HTTP/1.1 200");
            socket.setSoLinger(true, 0);
        }
    }
}

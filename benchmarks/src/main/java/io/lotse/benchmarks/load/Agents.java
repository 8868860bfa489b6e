package io.lotse.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Agents calling the agent API with HTTP Basic, one call after the other each: the queue, the agents
 * and the conversations with an agent, in turn, as an agent's own tool (not the console, which signs
 * in once) would.
 */
final class Agents {

    private static final List<String> PATHS = List.of("/api/agent/queue", "/api/agent/agents",
            "/api/agent/conversations?status=assigned");

    private final HttpClient http;
    private final URI url;
    private final String authorization;
    final Latencies latencies = new Latencies();
    final AtomicLong errors = new AtomicLong();

    Agents(HttpClient http, URI url, String login) {
        this.http = http;
        this.url = url;
        this.authorization = Node.basic(login);
    }

    /** Calls until the deadline (a {@link System#nanoTime()}). */
    void run(long deadline) {
        for (int i = 0; System.nanoTime() < deadline; i++) {
            HttpRequest request = HttpRequest.newBuilder(url.resolve(PATHS.get(i % PATHS.size())))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", authorization).build();
            long start = System.nanoTime();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    latencies.record(System.nanoTime() - start);
                } else {
                    errors.incrementAndGet();
                }
            } catch (IOException e) {
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

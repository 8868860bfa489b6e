package io.lotse.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the benchmark asks the node itself: its health, its metrics, and its live heap. */
final class Node {

    /** The node's health as a new client sees it: the status ({@code timeout} when none came) and how long it took. */
    record Health(String status, int httpStatus, double millis) {
        @Override
        public String toString() {
            return status + " (HTTP " + httpStatus + ", " + String.format("%.1f", millis) + " ms)";
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI url;
    private final JsonMapper json;
    private final String adminAuthorization;
    private final long pid;

    Node(HttpClient http, LoadOptions options, JsonMapper json) {
        this.http = http;
        this.url = options.url();
        this.json = json;
        this.adminAuthorization = options.adminLogin() == null ? null : basic(options.adminLogin());
        this.pid = options.pid();
    }

    static String basic(String login) {
        return "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8));
    }

    Health health() {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(url.resolve("/actuator/health")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            String status = json.readTree(response.body()).path("status").asString("?");
            return new Health(status, response.statusCode(), (System.nanoTime() - start) / 1e6);
        } catch (IOException | RuntimeException e) {
            return new Health("timeout", 0, (System.nanoTime() - start) / 1e6);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health("interrupted", 0, 0);
        }
    }

    /**
     * One value of a meter of the node's {@code /actuator/metrics} (read with the administrator's login),
     * such as {@code jvm.memory.used} with tag {@code area:heap}; empty without a login or when the
     * node does not have it.
     */
    OptionalDouble metric(String name, String tag) {
        if (adminAuthorization == null) {
            return OptionalDouble.empty();
        }
        try {
            URI uri = url.resolve("/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Authorization", adminAuthorization).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return OptionalDouble.empty();
            }
            for (JsonNode measurement : json.readTree(response.body()).path("measurements")) {
                if ("VALUE".equals(measurement.path("statistic").asString())) {
                    return OptionalDouble.of(measurement.path("value").asDouble());
                }
            }
            return OptionalDouble.empty();
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        }
    }

    /** The processor time the node's process has used so far; empty without {@code --pid}. */
    Optional<Duration> cpuTime() {
        if (pid == 0) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid).flatMap(process -> process.info().totalCpuDuration());
    }

    /**
     * The bytes of the node's live objects: {@code jcmd <pid> GC.class_histogram}, which runs a full
     * garbage collection first and then counts what is still reachable. Empty without {@code --pid}.
     */
    OptionalLong liveHeapBytes() {
        if (pid == 0) {
            return OptionalLong.empty();
        }
        try {
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process process = new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), "GC.class_histogram"))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            for (String line : output.lines().toList().reversed()) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 3 && parts[0].equals("Total")) {
                    return OptionalLong.of(Long.parseLong(parts[2]));
                }
            }
            throw new IllegalStateException("no Total line from jcmd: " + output.lines().limit(3).toList());
        } catch (IOException e) {
            throw new IllegalStateException("jcmd failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}

package io.lotse.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** A customer's chat connection over a real WebSocket, recording every frame the server sends. */
public final class ChatClient implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private ChatClient(int port, String query, Map<String, String> headers) {
        String uri = "ws://localhost:" + port + "/ws/chat" + (query == null || query.isEmpty() ? "" : "?" + query);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        headers.forEach(builder::header);
        this.socket = builder.buildAsync(URI.create(uri), new Listener()).join();
    }

    static ChatClient connect(int port, String query) {
        return new ChatClient(port, query, Map.of());
    }

    /** A connection whose opening request carries these headers too. */
    public static ChatClient connect(int port, String query, Map<String, String> headers) {
        return new ChatClient(port, query, headers);
    }

    public void send(Map<String, ?> frame) {
        sendRaw(Api.JSON.writeValueAsString(frame));
    }

    public void sendRaw(String text) {
        socket.sendText(text, true).join();
    }

    public void message(String id, String text) {
        send(Map.of("type", "message", "id", id, "text", text));
    }

    /** The next frame, whatever it is; fails after a wait with nothing. */
    public JsonNode next() {
        try {
            JsonNode frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + WAIT);
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame of a type, failing if another type comes first. */
    public JsonNode next(String type) {
        JsonNode frame = next();
        if (!type.equals(frame.path("type").asString())) {
            throw new AssertionError("expected a " + type + " frame, got " + frame);
        }
        return frame;
    }

    /** Skips frames until one matches, and returns it with the frames skipped on the way. */
    public List<JsonNode> until(Predicate<JsonNode> wanted) {
        List<JsonNode> seen = new ArrayList<>();
        while (true) {
            JsonNode frame = next();
            seen.add(frame);
            if (wanted.test(frame)) {
                return seen;
            }
        }
    }

    /**
     * Every frame up to the answer to a ping, which the server sends after all it had to send
     * before; so the list is exactly what was pending.
     */
    public List<JsonNode> drain() {
        send(Map.of("type", "ping"));
        List<JsonNode> seen = until(f -> "pong".equals(f.path("type").asString()));
        return seen.subList(0, seen.size() - 1);
    }

    /** The close status code the server sent, waiting for it. */
    public int closeCode() {
        return closed.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed() && !closed.isDone()) {
            // The server may close at the same moment (after invalid_token); then there is nothing to say.
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(error -> socket);
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(Api.JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}

package io.lotse.benchmarks.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One customer's chat connection, speaking the protocol of {@code docs/protocol.md}: it waits for
 * {@code welcome}, sends {@code message} frames with ids of its own, and takes the first {@code bot}
 * frame after the server's echo of a message ({@code customer} with that id) as its answer.
 *
 * <p>One question at a time: {@link #ask} may be called again once the previous answer came.
 */
final class ChatSocket {

    /** The server's reply to a question: the bot frame's {@code kind}, and whether the bot handed over. */
    record Answer(String kind, long roundTripNanos) {
        boolean handedOver() {
            return "handoff".equals(kind);
        }
    }

    /** An {@code error} frame from the server, or a connection that closed or failed. */
    static final class ChatException extends RuntimeException {
        private final String code;

        ChatException(String code, String message) {
            super(code + ": " + message, null, false, false);
            this.code = code;
        }

        String code() {
            return code;
        }
    }

    private static final AtomicLong IDS = new AtomicLong();

    private final JsonMapper json;
    private final CompletableFuture<String> welcome = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;
    /** The question waiting for its answer: its id, when it was sent, the seq of its echo (0: not echoed yet). */
    private volatile String pendingId;
    private volatile long pendingSince;
    private volatile long echoSeq;
    private volatile CompletableFuture<Answer> pending;

    private ChatSocket(JsonMapper json) {
        this.json = json;
    }

    /**
     * Opens a new conversation.
     *
     * @return the connection once its {@code welcome} came; failed with a {@link ChatException} for an
     *     {@code error} frame (such as {@code busy}) or a connection the server refused
     */
    static CompletableFuture<ChatSocket> open(HttpClient http, URI chat, JsonMapper json, Duration timeout) {
        ChatSocket chatSocket = new ChatSocket(json);
        return http.newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(chat, chatSocket.new Listener())
                .thenCompose(ws -> {
                    chatSocket.socket = ws;
                    return chatSocket.welcome;
                })
                .thenApply(conversationId -> chatSocket)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends a question; the answer comes as the future's value. */
    CompletableFuture<Answer> ask(String text) {
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        String id = "load-" + IDS.incrementAndGet();
        String frame = json.writeValueAsString(Map.of("type", "message", "id", id, "text", text));
        echoSeq = 0;
        pendingId = id;
        pending = answer;
        pendingSince = System.nanoTime();
        socket.sendText(frame, true)
                .whenComplete((ws, e) -> {
                    if (e != null) {
                        answer.completeExceptionally(new ChatException("send_failed", e.toString()));
                    }
                });
        return answer;
    }

    boolean isOpen() {
        return socket != null && !socket.isOutputClosed() && !closed.isDone();
    }

    void close() {
        WebSocket ws = socket;
        if (ws != null && !ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
    }

    private void onFrame(JsonNode frame) {
        switch (frame.path("type").asString()) {
            case "welcome" -> welcome.complete(frame.path("conversationId").asString());
            case "customer" -> {
                if (frame.path("id").asString().equals(pendingId)) {
                    echoSeq = frame.path("seq").asLong();
                }
            }
            case "bot" -> {
                CompletableFuture<Answer> answer = pending;
                if (answer != null && echoSeq > 0 && frame.path("seq").asLong() > echoSeq) {
                    pending = null;
                    answer.complete(new Answer(frame.path("kind").asString(), System.nanoTime() - pendingSince));
                }
            }
            case "error" -> {
                ChatException error = new ChatException(frame.path("code").asString(), frame.path("message").asString());
                if (!welcome.isDone()) {
                    welcome.completeExceptionally(error);
                }
                CompletableFuture<Answer> answer = pending;
                String ref = frame.path("ref").asString(null);
                if (answer != null && (ref == null || ref.equals(pendingId))) {
                    pending = null;
                    answer.completeExceptionally(error);
                }
            }
            default -> { }
        }
    }

    private void onGone(String code, String why) {
        ChatException gone = new ChatException(code, why);
        closed.complete(null);
        welcome.completeExceptionally(gone);
        CompletableFuture<Answer> answer = pending;
        if (answer != null) {
            answer.completeExceptionally(gone);
        }
    }

    private final class Listener implements WebSocket.Listener {

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    onFrame(json.readTree(text));
                } catch (RuntimeException e) {
                    onGone("bad_frame", e.toString());
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            onGone("closed", statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            onGone("failed", error.toString());
        }
    }
}

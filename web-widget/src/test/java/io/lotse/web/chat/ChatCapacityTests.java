package io.lotse.web.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.adapter.standard.StandardWebSocketSession;
import org.springframework.http.HttpHeaders;

/** The ceilings of open chats and of questions in flight. */
class ChatCapacityTests {

    private static WebSocketSession session() {
        Map<String, Object> attributes = new HashMap<>();
        return new StandardWebSocketSession(new HttpHeaders(), attributes, null, null);
    }

    @Test
    void admitsUpToTheCeilingAndGivesPlacesBackOnce() {
        ChatCapacity capacity = new ChatCapacity(2, 1, Duration.ZERO);
        WebSocketSession first = session();
        WebSocketSession second = session();
        WebSocketSession third = session();

        assertThat(capacity.admit(first)).isTrue();
        assertThat(capacity.admit(second)).isTrue();
        assertThat(capacity.full()).isTrue();
        assertThat(capacity.admit(third)).isFalse();
        assertThat(capacity.refusedConnections()).isEqualTo(1);

        capacity.release(third);
        assertThat(capacity.connections()).isEqualTo(2);
        capacity.release(first);
        capacity.release(first);
        assertThat(capacity.connections()).isEqualTo(1);
        assertThat(capacity.admit(third)).isTrue();
    }

    @Test
    void aLowerCeilingClosesNobodyButTurnsNewCustomersAway() {
        ChatCapacity capacity = new ChatCapacity(3, 1, Duration.ZERO);
        WebSocketSession first = session();
        WebSocketSession second = session();
        capacity.admit(first);
        capacity.admit(second);

        capacity.maxConnections(1);
        assertThat(capacity.connections()).isEqualTo(2);
        assertThat(capacity.admit(session())).isFalse();
        capacity.release(first);
        assertThat(capacity.admit(session())).isFalse();
        capacity.release(second);
        assertThat(capacity.admit(session())).isTrue();
    }

    @Test
    void questionsInFlightAreLimitedAndTheLimitCanChange() throws InterruptedException {
        ChatCapacity capacity = new ChatCapacity(10, 1, Duration.ofMillis(10));
        assertThat(capacity.startQuestion()).isTrue();
        assertThat(capacity.startQuestion()).isFalse();
        assertThat(capacity.refusedQuestions()).isEqualTo(1);

        capacity.maxQuestionsInFlight(2);
        assertThat(capacity.startQuestion()).isTrue();
        assertThat(capacity.questionsInFlight()).isEqualTo(2);

        capacity.maxQuestionsInFlight(1);
        capacity.questionDone();
        assertThat(capacity.startQuestion()).isFalse();
        capacity.questionDone();
        assertThat(capacity.questionsInFlight()).isZero();
        assertThat(capacity.startQuestion()).isTrue();
    }

    @Test
    void theDefaultsComeFromTheHeapAndTheProcessors() {
        assertThat(ChatCapacity.connectionsFor(1024L * 1024 * 1024)).isEqualTo(10_485);
        assertThat(ChatCapacity.connectionsFor(1024L * 1024 * 1024, 20_000)).as("the heap is the limit").isEqualTo(10_485);
        assertThat(ChatCapacity.connectionsFor(6L * 1024 * 1024 * 1024, 20_000)).as("the web server is the limit")
                .isEqualTo(19_000);
        assertThat(ChatCapacity.connectionsFor(6L * 1024 * 1024 * 1024, 1_000)).isEqualTo(900);
        assertThat(ChatCapacity.connectionsFor(6L * 1024 * 1024 * 1024, -1)).as("no limit").isEqualTo(62_914);
        assertThat(ChatCapacity.questionsFor(2)).isEqualTo(64);
        assertThatThrownBy(() -> new ChatCapacity(0, 1, Duration.ZERO))
                .hasMessageContaining("chatbot.chat.max-connections");
    }
}

package io.lotse.web.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.web.AppIT;
import io.lotse.web.ChatClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The limits against floods over real WebSockets: new conversations per client address (this
 * machine's, whose allowance the test uses up and gives back afterwards, as the shared context's
 * limit is high), and messages per conversation however many sockets send them.
 */
class ChatLimitsIT extends AppIT {

    /** The addresses this machine's connections may come from. */
    private static final List<String> LOCAL = List.of("127.0.0.1", "0:0:0:0:0:0:0:1");

    @Autowired
    private ChatLimits limits;

    @BeforeEach
    @AfterEach
    void giveTheAllowanceBack() {
        LOCAL.forEach(limits::forgetAddress);
    }

    @Test
    void pastTheLimitANewConversationIsRefusedAndTheConnectionCloses() {
        String token;
        try (ChatClient customer = connect("lang=en")) {
            token = customer.next("welcome").path("token").asString();
        }
        LOCAL.forEach(address -> limits.newConversations(address).tryConsumeAsMuchAsPossible());

        try (ChatClient refused = connect("lang=en")) {
            JsonNode error = refused.next("error");
            assertThat(error.path("code").asString()).isEqualTo("rate_limited");
            assertThat(error.path("message").asString()).isNotBlank();
            assertThat(refused.closeCode()).isEqualTo(1008);
        }
        try (ChatClient forwarded = ChatClient.connect(port, "lang=en", Map.of("X-Forwarded-For", "203.0.113.7"))) {
            assertThat(forwarded.next("error").path("code").asString())
                    .as("X-Forwarded-For counts only where the forward-headers strategy says so").isEqualTo("rate_limited");
        }
        try (ChatClient resumed = connect("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))) {
            assertThat(resumed.next("welcome").path("resumed").asBoolean()).as("coming back is no new conversation").isTrue();
        }
    }

    @Test
    void theMessageLimitHoldsPerConversationNotPerConnection() {
        List<ChatClient> sockets = new ArrayList<>();
        try {
            ChatClient first = connect("lang=en");
            sockets.add(first);
            JsonNode welcome = first.next("welcome");
            String id = welcome.path("conversationId").asString();
            String token = URLEncoder.encode(welcome.path("token").asString(), StandardCharsets.UTF_8);
            for (int i = 1; i < 20; i++) {
                ChatClient tab = connect("token=" + token);
                tab.next("welcome");
                sockets.add(tab);
            }
            for (int i = 0; i < 20; i++) {
                sockets.get(i).message("tab-" + i, "hello from tab " + i);
            }
            long limited = 0;
            for (ChatClient socket : sockets) {
                limited += socket.drain().stream().filter(f -> "rate_limited".equals(f.path("code").asString())).count();
            }
            JsonNode frames = api().get("/api/agent/conversations/" + id, "anna").json().path("frames");
            assertThat(frames.valueStream().filter(f -> "customer".equals(f.path("type").asString()))).hasSize(10);
            assertThat(limited).isEqualTo(10);
        } finally {
            sockets.forEach(ChatClient::close);
        }
    }
}

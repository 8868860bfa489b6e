package io.lotse.web.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.bot.BotState;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The bot's state as the chat stores it in Redis: a state stored before a field was added still reads. */
class BotStateJsonTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aStateStoredWithoutTheLastQuestionReadsWithNone() {
        String stored = "{\"locale\":\"de\",\"unansweredInARow\":1,\"guideArticleId\":null,\"guideStep\":0,"
                + "\"offeredArticleIds\":[\"a\",\"b\"]}";

        BotState state = json.readValue(stored, BotState.class);

        assertThat(state).isEqualTo(new BotState("de", 1, null, 0, List.of("a", "b"), null));
    }

    @Test
    void theLastQuestionIsStoredAndReadBack() {
        BotState state = new BotState("en", 0, "router", 2, List.of(), "0123456789abcdef");

        String stored = json.writeValueAsString(state);

        assertThat(stored).contains("\"lastQuestion\":\"0123456789abcdef\"");
        assertThat(json.readValue(stored, BotState.class)).isEqualTo(state);
    }
}

package io.lotse.web.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.bot.BotMessage;
import io.lotse.bot.QuickReply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BotFramesTests {

    private final BotFrames frames = new BotFrames();

    @Test
    void rendersMarkdownAndEscapesRawHtml() {
        String html = frames.html("**Bold** <script>alert(1)</script> <b onclick=x>b</b>\n\n1. one\n2. two");
        assertThat(html).contains("<strong>Bold</strong>").contains("<ol>")
                .contains("&lt;script&gt;").doesNotContain("<script").doesNotContain("<b ");
    }

    @Test
    void dropsDangerousLinksAndOpensSafeOnesInANewTab() {
        assertThat(frames.html("[x](javascript:alert(1))")).doesNotContain("javascript:");
        assertThat(frames.html("[portal](https://nordlicht.example/konto)"))
                .contains("href=\"https://nordlicht.example/konto\"").contains("rel=\"noopener noreferrer nofollow\"");
    }

    @Test
    void theSameMarkdownIsRenderedOnceAndDifferentMarkdownAfresh() {
        String answer = "Track your order under **My orders**.";
        String first = frames.html(answer);

        assertThat(frames.html(new String(answer))).as("remembered").isSameAs(first);
        assertThat(frames.html(answer + " [x](javascript:alert(1))")).isNotEqualTo(first).doesNotContain("javascript:");
        assertThat(frames.html(null)).isEmpty();
    }

    @Test
    void aBotFrameCarriesEverythingTheWidgetShows() {
        Map<String, Object> frame = frames.frame(new BotMessage("answer", "Text", "a-1", "Title", 0.8,
                List.of(new QuickReply("Talk to a person", "human"))), null);
        assertThat(frame).containsEntry("type", "bot").containsEntry("kind", "answer").containsEntry("articleId", "a-1")
                .containsEntry("articleTitle", "Title").containsEntry("confidence", 0.8).containsEntry("html", "<p>Text</p>");
        assertThat(frame.get("quickReplies")).isEqualTo(List.of(Map.of("label", "Talk to a person", "payload", "human")));
    }
}

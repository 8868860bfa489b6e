package io.lotse.web.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The allow-list of article HTML, through the Markdown renderer the bot and the help pages use. */
class ArticleHtmlTests {

    private final BotFrames frames = new BotFrames();

    @ParameterizedTest
    @ValueSource(strings = {"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==", "javascript:alert(1)",
            "JaVaScRiPt:alert(1)", "vbscript:msgbox(1)", "file:///etc/passwd", "jav&#x09;ascript:alert(1)",
            "ftp://example.com/x"})
    void aLinkToAnUnsafeSchemeLosesItsTarget(String target) {
        String html = frames.html("Click [here](" + target + ") now.");
        assertThat(html).contains(">here</a>").doesNotContainIgnoringCase("href=\"" + target.substring(0, 4));
        assertThat(html.toLowerCase()).doesNotContain("data:").doesNotContain("javascript").doesNotContain("vbscript")
                .doesNotContain("file:").doesNotContain("ftp:");
    }

    @Test
    void safeLinksStayAndOpenInANewTab() {
        assertThat(frames.html("[a](https://nordlicht.example/konto) [b](mailto:hilfe@nordlicht.example) [c](/en/contact) [d](faq#x)"))
                .contains("href=\"https://nordlicht.example/konto\"", "target=\"_blank\"", "rel=\"noopener noreferrer nofollow\"")
                .contains("href=\"mailto:hilfe@nordlicht.example\"")
                .contains("href=\"/en/contact\"")
                .contains("href=\"faq#x\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://tracker.example/pixel.png", "http://tracker.example/p.gif", "//tracker.example/p.gif",
            "/\\tracker.example/p.gif", "data:image/png;base64,iVBORw0KGgo=", "javascript:alert(1)"})
    void anImageFromAnotherSiteOrOfDataLeavesOnlyItsAltText(String src) {
        String html = frames.html("Look: ![the router](" + src + ")");
        assertThat(html).doesNotContain("<img").contains("the router").doesNotContain("tracker.example").doesNotContain("data:");
    }

    @Test
    void anImageOnThisServerStays() {
        assertThat(frames.html("![router](/images/router.png) ![led](img/led.png)"))
                .contains("<img src=\"/images/router.png\" alt=\"router\"")
                .contains("<img src=\"img/led.png\" alt=\"led\"");
    }

    @Test
    void rawHtmlIsTextAndNoOtherElementOrAttributeSurvives() {
        String html = frames.html("<iframe src=x></iframe> <style>*{}</style>\n\n**bold** `code`\n\n> quote\n\n# Title");
        assertThat(html).doesNotContain("<iframe").doesNotContain("<style")
                .contains("<strong>bold</strong>", "<code>code</code>", "<blockquote>", "<h1>Title</h1>");
    }
}

package io.lotse.web;

import static io.lotse.web.BrowserSupport.click;
import static io.lotse.web.BrowserSupport.find;
import static io.lotse.web.BrowserSupport.last;
import static io.lotse.web.BrowserSupport.newBrowser;
import static io.lotse.web.BrowserSupport.screenshot;
import static io.lotse.web.BrowserSupport.waitFor;
import static io.lotse.web.BrowserSupport.waitUntil;
import static io.lotse.web.BrowserSupport.widget;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The whole story in a real browser (Debian's Chromium, headless): an agent goes online in the real
 * agent console, a customer asks through the real widget and asks for a person, the conversation is
 * assigned to the agent, who answers and adds an internal note the customer never sees; an editor
 * tries a question in the real editor.
 */
class BrowserIT extends AppIT {

    private ChromeDriver customer;
    private ChromeDriver agent;
    private ChromeDriver editor;

    private String conversationId;

    @AfterEach
    void stopBrowsers() {
        for (ChromeDriver browser : new ChromeDriver[] {customer, agent, editor}) {
            if (browser != null) {
                browser.quit();
            }
        }
        // Presence and conversations are shared with the other test classes: leave nothing open, nobody online.
        if (conversationId != null) {
            api().post("/api/agent/conversations/" + conversationId + "/close", "anna", null);
        }
        api().put("/api/agent/presence", "anna", "{\"status\":\"offline\"}");
    }

    @Test
    void aCustomerAsksThenAnAgentTakesOverInTheSameChat() throws IOException {
        customer = newBrowser();
        agent = newBrowser();
        // Anna signs into the console and says she is there: the customer's request will come to her.
        agent.get(url("/agent?lang=de"));
        agent.findElement(By.name("username")).sendKeys("anna");
        agent.findElement(By.name("password")).sendKeys("anna-secret", Keys.ENTER);
        WebElement presence = waitFor(agent, () -> agent.findElement(By.cssSelector("[data-testid=presence-wrap]:not([hidden]) select")));
        waitUntil(agent, () -> agent.findElement(By.cssSelector("[data-testid=live]")).getText().equals("Live"));
        new Select(presence).selectByValue("online");
        waitUntil(agent, () -> "online".equals(agent.findElement(By.cssSelector("[data-testid=presence-wrap]")).getDomAttribute("data-status")));

        customer.get(url("/?lang=de"));
        SearchContext widget = widget(customer);
        click(customer, widget, "launcher");
        WebElement input = find(customer, widget, "input");
        input.sendKeys("Wie lange dauert die Lieferung?", Keys.ENTER);
        WebElement answer = waitFor(customer, () -> last(widget, "msg-bot"));
        waitUntil(customer, () -> answer.getText().contains("Werktage"));
        screenshot(customer, "widget-answer");

        click(customer, widget, "human");
        waitUntil(customer, () -> "assigned".equals(customer.executeScript("return window.LotseChat.state().status")));
        conversationId = (String) customer.executeScript("return window.LotseChat.state().conversationId");

        // Assigned to Anna without a claim: it is under "Mine".
        WebElement item = waitFor(agent, () -> agent.findElement(
                By.cssSelector("[data-testid=mine-item][data-conversation-id='" + conversationId + "']")));
        item.findElement(By.cssSelector("[data-testid=mine-open]")).click();
        waitUntil(agent, () -> agent.findElement(By.cssSelector("[data-testid=transcript]")).getText().contains("Wie lange dauert die Lieferung?"));
        // The bot's answer reads as the customer saw it: the article's Markdown rendered, not its source.
        WebElement botAnswer = agent.findElement(By.cssSelector("[data-testid=frame-bot] .frame-text"));
        assertThat(botAnswer.findElement(By.tagName("strong")).getText()).isEqualTo("2–3 Werktage");
        assertThat(botAnswer.getText()).doesNotContain("**");
        // Why the bot answered: the engine's decision, folded under its frame until the agent opens it.
        WebElement why = agent.findElement(By.cssSelector("[data-testid=frame-bot] [data-testid=decision]"));
        assertThat(why.getText()).matches("(Why|Warum): (answered|beantwortet)");
        why.findElement(By.tagName("summary")).click();
        waitUntil(agent, () -> why.getText().contains("above answer threshold"));
        assertThat(why.findElements(By.cssSelector(".decision-candidates li")).getFirst().getText())
                .startsWith("Wie lange dauert der Versand? (t-de-versand) – ").endsWith(" %");
        ((JavascriptExecutor) agent).executeScript("arguments[0].scrollIntoView({block: 'center'})", botAnswer);
        screenshot(agent, "agent-console-why");

        WebElement reply = agent.findElement(By.cssSelector("[data-testid=reply]"));
        waitUntil(agent, reply::isEnabled);
        reply.sendKeys("Hallo, hier ist Anna. Ich helfe Ihnen gern.");
        agent.findElement(By.cssSelector("[data-testid=send]")).click();

        // An internal note: in Anna's transcript, never in the widget.
        String note = "Kunde wartet auf Paket 4711, bitte Versand prüfen";
        agent.findElement(By.cssSelector("[data-testid=note-input]")).sendKeys(note, Keys.ENTER);
        WebElement noteCard = waitFor(agent, () -> agent.findElement(By.cssSelector("[data-testid=transcript] [data-testid=note]")));
        waitUntil(agent, () -> noteCard.getText().contains(note));
        assertThat(noteCard.getText()).containsIgnoringCase("Interne Notiz – für den Kunden nicht sichtbar");

        WebElement agentMessage = waitFor(customer, () -> last(widget, "msg-agent"));
        waitUntil(customer, () -> agentMessage.getText().contains("Hallo, hier ist Anna."));
        assertThat(agentMessage.getText()).contains("Anna");

        String script = "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\">";
        WebElement input2 = find(customer, widget, "input");
        input2.sendKeys(script, Keys.ENTER);
        waitUntil(agent, () -> agent.findElements(By.cssSelector("[data-testid=frame-customer]")).stream()
                .anyMatch(e -> e.getText().contains(script)));
        assertThat(((JavascriptExecutor) agent).executeScript("return window.__pwned === undefined")).isEqualTo(true);
        screenshot(agent, "agent-console");
        screenshot(customer, "widget-agent");

        int customerMessagesBefore = widget.findElements(By.cssSelector("[data-testid=msg-customer]")).size();
        int agentMessagesBefore = widget.findElements(By.cssSelector("[data-testid=msg-agent]")).size();
        customer.navigate().refresh();
        SearchContext reloaded = widget(customer);
        waitUntil(customer, () -> reloaded.findElements(By.cssSelector("[data-testid=msg-agent]")).size() == agentMessagesBefore
                && reloaded.findElements(By.cssSelector("[data-testid=msg-customer]")).size() == customerMessagesBefore);
        assertThat(customer.executeScript("return window.LotseChat.state().status")).isEqualTo("assigned");
        List<String> seqs = reloaded.findElements(By.cssSelector("[data-seq]")).stream().map(e -> e.getDomAttribute("data-seq")).toList();
        assertThat(seqs).doesNotHaveDuplicates();
        // Live and on replay: the customer never sees the note.
        assertThat((String) customer.executeScript("return document.getElementById('lotse-chat-host').shadowRoot.textContent")).doesNotContain(note);
    }

    @Test
    void anEditorTriesAQuestionAndSeesTheBotsReplyAndWhy() throws IOException {
        editor = newBrowser();
        editor.get(url("/editor"));
        editor.findElement(By.name("username")).sendKeys("erik");
        editor.findElement(By.name("password")).sendKeys("erik-secret", Keys.ENTER);
        waitFor(editor, () -> editor.findElement(By.cssSelector("[data-testid=article-item]")));
        // A German question from an English page: the bot answers from the German articles, as in a chat.
        new Select(editor.findElement(By.cssSelector("[data-testid=search-locale]"))).selectByValue("en");
        editor.findElement(By.cssSelector("[data-testid=search-q]")).sendKeys("Wie lange dauert die Lieferung nach Österreich?", Keys.ENTER);
        WebElement outcome = find(editor, editor, "try-outcome");
        waitUntil(editor, () -> outcome.getText().startsWith("Answers in German with “Wie lange dauert der Versand?” (confidence "));

        WebElement answer = editor.findElement(By.cssSelector("[data-testid=try-message] .frame-article"));
        assertThat(answer.findElement(By.tagName("strong")).getText()).isEqualTo("2–3 Werktage");
        assertThat(answer.getText()).doesNotContain("**");
        assertThat(find(editor, editor, "try-reason").getText()).startsWith("Why: top article ").contains("answer threshold");
        WebElement weighed = editor.findElement(By.cssSelector("[data-testid=search-hit]"));
        assertThat(weighed.getDomAttribute("data-article-id")).isEqualTo("t-de-versand");
        assertThat(weighed.getText()).contains("Wie lange dauert der Versand?").containsPattern("\\d{1,3} %");
        screenshot(editor, "editor-try");

        weighed.findElement(By.tagName("button")).click();
        waitUntil(editor, () -> "Wie lange dauert der Versand?".equals(editor.findElement(By.id("f-title")).getDomProperty("value")));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import tools.jackson.databind.JsonNode;

/**
 * The handoff as a customer sees it in the real widget on Debian's Chromium: nobody there (leave a
 * message), waiting in the queue (and going back to the bot), and an agent who types.
 *
 * <p>The application and Redis are shared with the other test classes: each test starts and ends
 * with both agents offline and closes the conversations it gave to an agent.
 */
class WidgetHandoffBrowserIT extends AppIT {

    private ChromeDriver customer;
    private final List<ChatClient> others = new ArrayList<>();
    private final List<String> annasConversations = new ArrayList<>();

    @BeforeEach
    void nobodyOnline() {
        presence("anna", "offline");
        presence("ben", "offline");
    }

    @AfterEach
    void cleanUp() {
        if (customer != null) {
            customer.quit();
        }
        others.forEach(ChatClient::close);
        for (String id : annasConversations) {
            api().post("/api/agent/conversations/" + id + "/close", "anna", null);
        }
        presence("anna", "offline");
        presence("ben", "offline");
    }

    @Test
    void withNobodyOnlineAGermanCustomerOnAPhoneLeavesAMessageForTheTeam() throws IOException {
        customer = newBrowser(390, 844);
        customer.get(url("/?lang=de"));
        SearchContext widget = widget(customer);
        click(customer, widget, "launcher");
        assertThat(find(customer, widget, "subtitle").getText()).isEqualTo("Digitaler Assistent – antwortet sofort");
        find(customer, widget, "input").sendKeys("Wie lange dauert die Lieferung?", Keys.ENTER);
        waitFor(customer, () -> last(widget, "msg-bot"));

        click(customer, widget, "human");
        WebElement offline = find(customer, widget, "msg-offline");
        waitUntil(customer, () -> offline.getText().contains("Gerade ist niemand aus unserem Team erreichbar."));
        assertThat(offline.getText()).contains("Hinterlassen Sie uns eine Nachricht – wir antworten per E-Mail.");
        assertThat(find(customer, widget, "subtitle").getText()).isEqualTo("Nachricht an unser Team");
        assertThat(find(customer, widget, "back-to-bot").isDisplayed()).isTrue();
        assertThat(find(customer, widget, "composer").isDisplayed()).isFalse(); // the form is the one place to write

        WebElement email = find(customer, widget, "contact-email");
        email.sendKeys("kim@example");
        find(customer, widget, "contact-text").sendKeys("Mein Paket ist nicht angekommen. Bitte melden Sie sich.");
        click(customer, widget, "contact-send");
        WebElement error = find(customer, widget, "contact-email-error");
        waitUntil(customer, error::isDisplayed);
        assertThat(error.getText()).contains("gültige E-Mail-Adresse");
        assertThat(email.getDomAttribute("aria-invalid")).isEqualTo("true");
        screenshot(customer, "widget-offline-error");

        email.sendKeys(".com");
        waitUntil(customer, () -> !error.isDisplayed());
        click(customer, widget, "contact-send");
        WebElement thanks = waitFor(customer, () -> last(widget, "msg-contact"));
        waitUntil(customer, () -> thanks.getText().contains(
                "Danke, wir haben Ihre Nachricht erhalten und antworten an kim@example.com."));
        assertThat(thanks.getText()).contains("Mein Paket ist nicht angekommen.");
        waitUntil(customer, () -> widget.findElements(By.cssSelector("[data-testid=contact-form]")).isEmpty());
        assertThat(find(customer, widget, "composer").isDisplayed()).isTrue();
        assertThat(lastMessageFullyVisible(widget)).isTrue();
        screenshot(customer, "widget-offline-done");

        String conversationId = state("conversationId");
        long lastSeq = ((Number) customer.executeScript("return window.LotseChat.state().lastSeq")).longValue();
        customer.navigate().refresh();
        SearchContext reloaded = widget(customer);
        waitUntil(customer, () -> Boolean.TRUE.equals(customer.executeScript("return window.LotseChat.state().connected"))
                && ((Number) customer.executeScript("return window.LotseChat.state().lastSeq")).longValue() >= lastSeq);
        assertThat(reloaded.findElements(By.cssSelector("[data-testid=msg-contact]"))).hasSize(1);
        assertThat(reloaded.findElements(By.cssSelector("[data-testid=msg-offline]"))).hasSize(1);
        assertThat(reloaded.findElements(By.cssSelector("[data-testid=contact-form]"))).isEmpty();
        List<String> seqs = reloaded.findElements(By.cssSelector("[data-seq]")).stream().map(e -> e.getDomAttribute("data-seq")).toList();
        assertThat(seqs).doesNotHaveDuplicates();

        JsonNode pending = api().get("/api/agent/conversations?status=pending", "anna").json();
        assertThat(pending.valueStream().map(c -> c.path("conversationId").asString())).contains(conversationId);
        JsonNode frames = api().get("/api/agent/conversations/" + conversationId, "anna").json().path("frames");
        assertThat(frames.valueStream().filter(f -> "contact".equals(f.path("type").asString()))
                .map(f -> f.path("email").asString())).containsExactly("kim@example.com");
    }

    @Test
    void anEnglishCustomerWaitingInTheQueueGoesBackToTheBot() throws IOException {
        // Anna is online but busy up to her capacity, so the next customer waits in the queue.
        JsonNode anna = presence("anna", "online");
        for (int i = anna.path("active").asInt(); i < anna.path("capacity").asInt(); i++) {
            ChatClient other = connect("lang=en");
            others.add(other);
            String id = other.next("welcome").path("conversationId").asString();
            other.send(Map.of("type", "message", "id", "c-" + UUID.randomUUID(), "text", "A person, please", "payload", "human"));
            other.until(f -> "handoff".equals(f.path("type").asString()) && "assigned".equals(f.path("status").asString()));
            annasConversations.add(id);
        }

        customer = newBrowser();
        customer.get(url("/?lang=en"));
        SearchContext widget = widget(customer);
        click(customer, widget, "launcher");
        find(customer, widget, "input").sendKeys("How long does shipping take?", Keys.ENTER);
        waitFor(customer, () -> last(widget, "msg-bot"));
        click(customer, widget, "human");

        WebElement banner = find(customer, widget, "status");
        waitUntil(customer, () -> banner.getText().startsWith("You are in the queue – position "));
        assertThat(banner.getText()).matches("You are in the queue – position \\d+(, estimated wait [^.]+)?\\.");
        assertThat(find(customer, widget, "subtitle").getText()).matches("Waiting for a person – position \\d+");
        waitUntil(customer, () -> lastMessageFullyVisible(widget));
        screenshot(customer, "widget-waiting");

        click(customer, widget, "back-to-bot");
        WebElement subtitle = find(customer, widget, "subtitle");
        waitUntil(customer, () -> subtitle.getText().equals("Digital assistant – answers immediately"));
        waitUntil(customer, () -> !banner.isDisplayed());
        assertThat(last(widget, "msg-system").getText()).isEqualTo("The assistant is back for you.");
        assertThat(state("status")).isEqualTo("bot");

        int answers = widget.findElements(By.cssSelector("[data-testid=msg-bot]")).size();
        find(customer, widget, "input").sendKeys("Can I return my order?", Keys.ENTER);
        waitUntil(customer, () -> widget.findElements(By.cssSelector("[data-testid=msg-bot]")).size() > answers);
        assertThat(find(customer, widget, "human").isDisplayed()).isTrue();
    }

    @Test
    void aGermanCustomerSeesWhoAnswersAndThatAnnaIsTyping() throws IOException {
        presence("anna", "online");
        customer = newBrowser();
        customer.get(url("/?lang=de"));
        SearchContext widget = widget(customer);
        click(customer, widget, "launcher");
        find(customer, widget, "input").sendKeys("Ich möchte mit einem Mitarbeiter sprechen", Keys.ENTER);

        WebElement subtitle = find(customer, widget, "subtitle");
        waitUntil(customer, () -> subtitle.getText().equals("Anna vom Kundenservice"));
        String conversationId = state("conversationId");
        annasConversations.add(conversationId);
        waitUntil(customer, () -> last(widget, "msg-system").getText().equals("Anna ist dem Chat beigetreten."));
        assertThat(find(customer, widget, "human").isDisplayed()).isFalse();

        assertThat(api().post("/api/agent/conversations/" + conversationId + "/typing", "anna", null).status()).isLessThan(300);
        WebElement typing = find(customer, widget, "typing");
        waitUntil(customer, () -> typing.isDisplayed() && typing.getText().contains("Anna schreibt"));
        screenshot(customer, "widget-agent-typing");

        api().post("/api/agent/conversations/" + conversationId + "/messages", "anna",
                "{\"text\":\"Hallo, hier ist Anna. <b>Wie</b> kann ich helfen?\"}");
        WebElement message = waitFor(customer, () -> last(widget, "msg-agent"));
        waitUntil(customer, () -> message.getText().contains("Hallo, hier ist Anna. <b>Wie</b> kann ich helfen?"));
        waitUntil(customer, () -> widget.findElements(By.cssSelector("[data-testid=typing]")).isEmpty());
        assertThat(message.findElements(By.tagName("b"))).as("agent text is never markup").isEmpty();

        // An address in an agent's message (a link to an article) becomes a link; the rest stays text.
        api().post("/api/agent/conversations/" + conversationId + "/messages", "anna",
                "{\"text\":\"Siehe " + url("/help/t-de-versand") + ". Und javascript:alert(1)\"}");
        waitUntil(customer, () -> last(widget, "msg-agent").getText().contains("javascript:alert(1)"));
        List<WebElement> links = last(widget, "msg-agent").findElements(By.tagName("a"));
        assertThat(links).hasSize(1);
        assertThat(links.getFirst().getAttribute("href")).isEqualTo(url("/help/t-de-versand"));
        assertThat(links.getFirst().getAttribute("rel")).isEqualTo("noopener noreferrer");

        // While Anna has the chat, the customer's typing is told to her, at most once every two seconds.
        customer.executeScript("""
                window.__typing = [];
                const send = WebSocket.prototype.send;
                WebSocket.prototype.send = function (data) {
                  if (String(data).includes('"typing"')) { window.__typing.push(Date.now()); }
                  return send.call(this, data);
                };""");
        WebElement input = find(customer, widget, "input");
        for (String word : "Mein Paket ist nicht angekommen, die Sendungsverfolgung zeigt nichts".split(" ")) {
            input.sendKeys(word + " ");
        }
        @SuppressWarnings("unchecked")
        List<Number> sent = (List<Number>) customer.executeScript("return window.__typing");
        assertThat(sent).isNotEmpty();
        for (int i = 1; i < sent.size(); i++) {
            assertThat(sent.get(i).longValue() - sent.get(i - 1).longValue()).isGreaterThanOrEqualTo(2000);
        }
    }

    /** The last element of the message list is inside the list's visible area (not under a banner or the composer). */
    private boolean lastMessageFullyVisible(SearchContext widget) {
        WebElement list = widget.findElement(By.cssSelector("[data-testid=messages]"));
        Object fits = customer.executeScript("""
                const list = arguments[0];
                const last = list.lastElementChild;
                const box = list.getBoundingClientRect();
                const item = last.getBoundingClientRect();
                return item.top >= box.top - 1 && item.bottom <= box.bottom + 1;""", list);
        return Boolean.TRUE.equals(fits);
    }

    private String state(String field) {
        return String.valueOf(customer.executeScript("return window.LotseChat.state()[arguments[0]]", field));
    }

    private JsonNode presence(String agent, String status) {
        Api.Response response = api().put("/api/agent/presence", agent, "{\"status\":\"" + status + "\"}");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}

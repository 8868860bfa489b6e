package io.lotse.web;

import static io.lotse.web.BrowserSupport.newBrowser;
import static io.lotse.web.BrowserSupport.screenshot;
import static io.lotse.web.BrowserSupport.waitFor;
import static io.lotse.web.BrowserSupport.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;

/**
 * The agent console of the handoff v2 and the administrator's team view in a real browser: presence,
 * automatic assignment, transfer with a note, canned replies, reassigning from the team view. The
 * customers are WebSocket clients.
 *
 * <p>Presence and conversations live in the Redis all test classes share: every test closes the
 * conversations it made and sets every agent offline again.
 */
class ConsoleBrowserIT extends AppIT {


    private final List<ChromeDriver> browsers = new ArrayList<>();
    private final List<ChatClient> customers = new ArrayList<>();
    private final List<String> conversations = new ArrayList<>();
    private final List<String> replies = new ArrayList<>();

    @AfterEach
    void restore() {
        browsers.forEach(ChromeDriver::quit);
        customers.forEach(ChatClient::close);
        Api api = api();
        for (String id : conversations) {
            JsonNode conversation = api.get("/api/agent/conversations/" + id, "anna").json();
            String holder = conversation.path("agent").isString() ? conversation.path("agent").asString() : "anna";
            if (!"closed".equals(conversation.path("status").asString())) {
                api.post("/api/agent/conversations/" + id + "/close", holder, null);
            }
        }
        replies.forEach(id -> api.delete("/api/agent/replies/" + id, "anna"));
        for (String agent : List.of("anna", "ben", "ada")) {
            assertThat(api.put("/api/agent/presence", agent, "{\"status\":\"offline\"}").status()).isEqualTo(200);
        }
    }

    @Test
    void anAgentTransfersAConversationToAColleagueWithANote() throws IOException {
        ChromeDriver anna = console("anna");
        goOnline(anna);
        ChatClient customer = askForAPerson("de", "Meine Rechnung ist falsch", null);
        String id = conversations.getLast();
        open(anna, id);

        assertThat(api().put("/api/agent/presence", "ben", "{\"status\":\"online\"}").status()).isEqualTo(200);
        anna.findElement(By.cssSelector("[data-testid=transfer]")).click();
        WebElement dialog = anna.findElement(By.cssSelector("[data-testid=transfer-dialog]"));
        waitUntil(anna, () -> dialog.isDisplayed() && dialog.findElements(By.cssSelector("[data-testid=transfer-agent] option[value=ben]")).stream()
                .anyMatch(WebElement::isEnabled));
        new Select(dialog.findElement(By.cssSelector("[data-testid=transfer-agent]"))).selectByValue("ben");
        String note = "Needs a credit note - please take over";
        dialog.findElement(By.cssSelector("[data-testid=transfer-note]")).sendKeys(note);
        screenshot(anna, "console-transfer");
        dialog.findElement(By.cssSelector("[data-testid=transfer-submit]")).click();

        waitUntil(anna, () -> !dialog.isDisplayed());
        WebElement card = waitFor(anna, () -> anna.findElement(By.cssSelector("[data-testid=transcript] [data-testid=note]")));
        waitUntil(anna, () -> card.getText().contains(note));
        assertThat(card.getText()).containsIgnoringCase("Internal note – not visible to the customer").contains("Transferred from Anna to Ben");
        waitUntil(anna, () -> anna.findElements(By.cssSelector("[data-testid=mine-item][data-conversation-id='" + id + "']")).isEmpty());
        assertThat(anna.findElement(By.cssSelector("[data-testid=reply]")).isEnabled()).isFalse();

        JsonNode conversation = api().get("/api/agent/conversations/" + id, "ben").json();
        assertThat(conversation.path("agent").asString()).isEqualTo("ben");
        List<String> noteTargets = new ArrayList<>();
        for (JsonNode frame : conversation.path("frames")) {
            if ("note".equals(frame.path("type").asString()) && note.equals(frame.path("text").asString())) {
                noteTargets.add(frame.path("toAgent").asString());
            }
        }
        assertThat(noteTargets).containsExactly("ben");

        List<JsonNode> seen = customer.until(f -> "handoff".equals(f.path("type").asString()) && "Ben".equals(f.path("agent").asString()));
        seen.addAll(customer.drain());
        assertThat(seen).noneMatch(f -> "note".equals(f.path("type").asString()) || f.toString().contains(note));
    }

    @Test
    void aCannedReplyIsInsertedWithASlashAndFilledIn() throws IOException {
        String word = "greet" + UUID.randomUUID().toString().substring(0, 8);
        String replyId = "it-" + word;
        Api.Response created = api().post("/api/agent/replies", "anna", """
                {"id":"%s","title":"Begrüßung %s","text":"Hallo {customer}, hier ist {agent}. Wie kann ich helfen?","locale":"de"}
                """.formatted(replyId, word));
        assertThat(created.status()).isEqualTo(201);
        replies.add(replyId);

        ChromeDriver anna = console("anna");
        goOnline(anna);
        ChatClient customer = askForAPerson("de", "Wo ist mein Paket?", identity("Erika Mustermann", "A"));
        String id = conversations.getLast();
        WebElement item = open(anna, id);
        assertThat(item.findElement(By.cssSelector("[data-testid=item-name]")).getText()).isEqualTo("Erika Mustermann");
        assertThat(item.findElement(By.cssSelector("[data-testid=item-tier]")).getText()).isEqualTo("A");
        assertThat(item.findElement(By.cssSelector("[data-testid=sla]")).getText()).startsWith("SLA ");

        WebElement reply = anna.findElement(By.cssSelector("[data-testid=reply]"));
        reply.sendKeys("/" + word);
        waitFor(anna, () -> anna.findElement(By.cssSelector("[data-testid=canned-item][data-reply-id='" + replyId + "']")));
        screenshot(anna, "console-canned");
        reply.sendKeys(Keys.ENTER);
        String expected = "Hallo Erika Mustermann, hier ist Anna. Wie kann ich helfen?";
        waitUntil(anna, () -> expected.equals(reply.getDomProperty("value")));
        assertThat(anna.findElement(By.cssSelector("[data-testid=canned-list]")).isDisplayed()).isFalse();

        anna.findElement(By.cssSelector("[data-testid=send]")).click();
        JsonNode message = customer.until(f -> "agent".equals(f.path("type").asString())).getLast();
        assertThat(message.path("text").asString()).isEqualTo(expected);
        assertThat(message.path("agent").asString()).isEqualTo("Anna");
    }

    @Test
    void anAdministratorSeesTheTeamAndReassignsAConversation() throws IOException {
        assertThat(api().put("/api/agent/presence", "anna", "{\"status\":\"online\"}").status()).isEqualTo(200);
        askForAPerson("en", "My parcel did not arrive", identity("Kim Lee", "B"));
        String id = conversations.getLast();
        assertThat(api().get("/api/agent/conversations/" + id, "anna").json().path("agent").asString()).isEqualTo("anna");
        assertThat(api().put("/api/agent/presence", "ben", "{\"status\":\"online\"}").status()).isEqualTo(200);

        ChromeDriver ada = signIn("ada", "/team?lang=en");
        // The view renders itself anew on every live update: look rows up afresh rather than hold them.
        By annaRow = By.cssSelector("[data-testid=agent-row][data-agent=anna]");
        waitUntil(ada, () -> ada.findElement(annaRow).findElements(By.cssSelector("[data-conversation-id='" + id + "']")).size() == 1);
        waitUntil(ada, () -> ada.findElement(annaRow).findElement(By.cssSelector("[data-testid=agent-status]")).getText().equals("online")
                && ada.findElement(annaRow).getText().contains("Kim Lee"));
        screenshot(ada, "team-view");

        waitFor(ada, () -> {
            ada.findElement(annaRow).findElement(By.cssSelector("[data-conversation-id='" + id + "'] [data-testid=reassign]")).click();
            return true;
        });
        WebElement dialog = ada.findElement(By.cssSelector("[data-testid=reassign-dialog]"));
        waitUntil(ada, dialog::isDisplayed);
        new Select(dialog.findElement(By.cssSelector("[data-testid=reassign-agent]"))).selectByValue("ben");
        dialog.findElement(By.cssSelector("[data-testid=reassign-note]")).sendKeys("Anna is in a meeting");
        dialog.findElement(By.cssSelector("[data-testid=reassign-submit]")).click();
        waitUntil(ada, () -> !dialog.isDisplayed());

        waitUntil(ada, () -> ada.findElement(By.cssSelector("[data-testid=agent-row][data-agent=ben]"))
                .findElements(By.cssSelector("[data-conversation-id='" + id + "']")).size() == 1);
        assertThat(api().get("/api/agent/conversations/" + id, "ben").json().path("agent").asString()).isEqualTo("ben");
    }

    // ---------------------------------------------------------------- helpers

    /** A customer who asks a question, then for a person, and is assigned; keeps the connection open. */
    private ChatClient askForAPerson(String lang, String question, String identity) {
        ChatClient customer = connect("lang=" + lang + (identity == null ? "" : "&identity=" + identity));
        customers.add(customer);
        String id = customer.next("welcome").path("conversationId").asString();
        conversations.add(id);
        customer.message("q-1", question);
        customer.until(f -> "bot".equals(f.path("type").asString()));
        customer.send(Map.of("type", "message", "id", "q-2", "text", "Mitarbeiter bitte", "payload", "human"));
        customer.until(f -> "handoff".equals(f.path("type").asString()) && "assigned".equals(f.path("status").asString()));
        return customer;
    }

    /** A signed identity of a customer. */
    private static String identity(String name, String tier) {
        return signedIdentity("it-" + UUID.randomUUID(), name, name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com", tier);
    }

    private ChromeDriver console(String user) throws IOException {
        ChromeDriver browser = signIn(user, "/agent?lang=en");
        waitFor(browser, () -> browser.findElement(By.cssSelector("[data-testid=presence-wrap]:not([hidden])")));
        waitUntil(browser, () -> browser.findElement(By.cssSelector("[data-testid=live]")).getText().equals("Live"));
        return browser;
    }

    /** Sets the agent online with the console's presence switch. */
    private void goOnline(ChromeDriver browser) {
        new Select(browser.findElement(By.cssSelector("[data-testid=presence]"))).selectByValue("online");
        waitUntil(browser, () -> "online".equals(browser.findElement(By.cssSelector("[data-testid=presence-wrap]")).getDomAttribute("data-status")));
    }

    /** Opens a conversation from the list "Mine", once it is there. */
    private WebElement open(ChromeDriver browser, String id) {
        WebElement item = waitFor(browser, () -> browser.findElement(
                By.cssSelector("[data-testid=mine-item][data-conversation-id='" + id + "']")));
        item.findElement(By.cssSelector("[data-testid=mine-open]")).click();
        waitUntil(browser, () -> browser.findElement(By.cssSelector("[data-testid=reply]")).isEnabled());
        return item;
    }

    private ChromeDriver signIn(String user, String path) throws IOException {
        ChromeDriver browser = newBrowser();
        browsers.add(browser);
        browser.get("http://localhost:" + port + path);
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys(user + "-secret", Keys.ENTER);
        return browser;
    }
}

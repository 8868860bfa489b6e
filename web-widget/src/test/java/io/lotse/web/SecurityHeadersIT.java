package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a security review asks of every page and of the console's session: CSP, Referrer-Policy, cookie flags, CSRF. */
class SecurityHeadersIT extends AppIT {

    @Test
    void everyPageSendsAContentSecurityPolicyAndAReferrerPolicy() {
        record Page(String path, String user) {}
        for (Page page : List.of(new Page("/", null), new Page("/?lang=en", null), new Page("/konto/bestellungen", null),
                new Page("/help/t-de-versand", null), new Page("/login", null), new Page("/agent", "anna"),
                new Page("/editor", "erik"), new Page("/team", "ada"), new Page("/widget.js", null))) {
            Api.Response response = api().get(page.path(), page.user());
            assertThat(response.status()).as(page.path()).isEqualTo(200);
            String csp = response.raw().headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(page.path())
                    .contains("default-src 'self'", "script-src 'self';", "style-src 'self';", "img-src 'self' data:;",
                            "object-src 'none'", "frame-ancestors 'none'",
                            "connect-src 'self' ws://localhost:" + port + " wss://localhost:" + port)
                    .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(response.raw().headers().firstValue("Referrer-Policy")).as(page.path()).hasValue("strict-origin-when-cross-origin");
        }
    }

    @Test
    void thePagesKeepTheirScriptsAndStylesInFiles() {
        for (String path : List.of("/", "/konto", "/help/t-en-versand", "/agent.html", "/editor.html", "/team.html")) {
            String html = api().get(path, "ada").body();
            assertThat(html).as(path).doesNotContain("<script>").doesNotContain("<style").doesNotContain(" style=")
                    .doesNotContainPattern("\\son[a-z]+=");
        }
    }

    @Test
    void theWidgetScriptCarriesDomPurifyWithItsLicense() {
        Api.Response widget = api().get("/widget.js", null);
        assertThat(widget.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(widget.body()).startsWith("/*! Lotse chat widget")
                .contains("@license DOMPurify", "const LotseArticleHtml", "window.LotseChat")
                .doesNotContain("sourceMappingURL");
        assertThat(api().get("/vendor/dompurify/LICENSE", null).status()).isEqualTo(200);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSite() {
        FormLogin browser = new FormLogin(port);
        HttpResponse<String> signedIn = browser.signIn("erik", "erik-secret");
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
        String session = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertThat(session).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
        String xsrf = browser.get("/api/me").headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElse("XSRF-TOKEN=; SameSite=Lax");
        assertThat(xsrf).containsIgnoringCase("SameSite=Lax");
        assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);
    }

    @Test
    void onlyHttpBasicSkipsTheCsrfCheckOfASession() {
        FormLogin browser = new FormLogin(port);
        assertThat(browser.signIn("anna", "anna-secret").statusCode()).isEqualTo(302);
        String presence = "{\"status\":\"offline\"}";

        HttpResponse<String> bearer = browser.send(browser.request("/api/agent/presence").header("Content-Type", "application/json")
                .header("Authorization", "Bearer x").PUT(HttpRequest.BodyPublishers.ofString(presence)));
        assertThat(bearer.statusCode()).isEqualTo(403);
        assertThat(Api.JSON.readTree(bearer.body()).path("code").asString()).isEqualTo("csrf");

        HttpResponse<String> none = browser.send(browser.request("/api/agent/presence").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(presence)));
        assertThat(none.statusCode()).isEqualTo(403);

        String basic = java.util.Base64.getEncoder().encodeToString("anna:anna-secret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> withBasic = browser.send(browser.request("/api/agent/presence").header("Content-Type", "application/json")
                .header("Authorization", "Basic " + basic).PUT(HttpRequest.BodyPublishers.ofString(presence)));
        assertThat(withBasic.statusCode()).isEqualTo(200);

        browser.get("/api/me");
        HttpResponse<String> withToken = browser.send(browser.request("/api/agent/presence").header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN")).PUT(HttpRequest.BodyPublishers.ofString(presence)));
        assertThat(withToken.statusCode()).isEqualTo(200);
    }
}

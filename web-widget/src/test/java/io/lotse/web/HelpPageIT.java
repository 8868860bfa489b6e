package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The public page of an article, {@code /help/<id>}, that agents link to from the console. */
class HelpPageIT extends AppIT {

    @Test
    void showsTheArticleRenderedInTheShopsLookWithTheChat() {
        Api.Response page = api().get("/help/t-de-versand", null);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html").containsIgnoringCase("charset=UTF-8"));
        assertThat(page.body())
                .contains("<html lang=\"de\">")
                .contains("<h1>Wie lange dauert der Versand?</h1>")
                .contains("<title>Wie lange dauert der Versand? – Nordlicht</title>")
                .contains("<strong>2–3 Werktage</strong>")
                .contains("<script src=\"/widget.js\" defer></script>")
                .doesNotContain("**")
                .doesNotContain("{{");
    }

    @Test
    void escapesHtmlAndDropsUnsafeLinksOfTheArticle() {
        String article = """
                {"id":"t-en-help-hostile","locale":"en","title":"Tom & Jerry <b>bold</b>","questions":[],"tags":[],
                 "category":"misc","type":"faq",
                 "body":"Hello <script>window.__pwned=1</script> and [click](javascript:alert(1)) or [home](/en/contact)."}
                """;
        assertThat(api().post("/api/articles", "erik", article).status()).isEqualTo(201);
        try {
            Api.Response page = api().get("/help/t-en-help-hostile", null);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body())
                    .contains("<html lang=\"en\">")
                    .contains("<h1>Tom &amp; Jerry &lt;b&gt;bold&lt;/b&gt;</h1>")
                    .contains("&lt;script&gt;window.__pwned=1&lt;/script&gt;")
                    .doesNotContain("<script>window.__pwned")
                    .doesNotContain("javascript:")
                    .contains("href=\"/en/contact\"");
        } finally {
            assertThat(api().delete("/api/articles/t-en-help-hostile", "erik").status()).isEqualTo(204);
        }
    }

    @Test
    void anUnknownArticleIsTheJsonNotFoundEvenForABrowser() {
        for (String path : new String[] {"/help/no-such-article", "/help/%3Cscript%3E"}) {
            Api.Response missing = api().send(api().request(path, null).header("Accept", "text/html,application/xhtml+xml;q=0.9").GET());
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.raw().headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(missing.json().path("code").asString()).as(path).isEqualTo("article_not_found");
        }
    }
}

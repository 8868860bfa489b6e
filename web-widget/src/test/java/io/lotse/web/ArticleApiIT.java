package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.knowledge.KnowledgeBase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The editor API: articles by id, validation, roles, and changes the bot can use at once. */
class ArticleApiIT extends AppIT {

    @Autowired
    private KnowledgeBase knowledgeBase;

    private static final String WARRANTY = """
            {"id":"t-en-warranty","locale":"en","title":"How long is the warranty?",
             "questions":["My kettle broke after a year","guarantee period"],"tags":["warranty"],
             "category":"orders","type":"faq","body":"Every device has a **two-year** warranty. <script>alert(1)</script>"}
            """;

    @Test
    void anArticleIsCreatedReadChangedAndDeletedAndSearchableAtOnce() {
        Api api = api();
        Api.Response created = api.post("/api/articles", "erik", WARRANTY);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/articles/t-en-warranty");
        try {
            assertThat(api.get("/api/articles/t-en-warranty", "erik").json().path("type").asString()).isEqualTo("faq");
            assertThat(api.get("/api/articles?locale=en", "erik").json().valueStream().map(a -> a.path("id").asString()))
                    .contains("t-en-warranty", "t-en-shipping").doesNotContain("t-de-versand");

            JsonNode hits = api.get("/api/articles/search?q=guarantee%20period%20kettle&locale=en", "erik").json();
            assertThat(hits.get(0).path("articleId").asString()).isEqualTo("t-en-warranty");

            try (ChatClient customer = connect("lang=en")) {
                customer.next("welcome");
                customer.message("w-1", "What is the guarantee period for my kettle?");
                JsonNode answer = customer.drain().get(1);
                assertThat(answer.path("articleId").asString()).isEqualTo("t-en-warranty");
                assertThat(answer.path("html").asString()).contains("<strong>two-year</strong>")
                        .doesNotContain("<script>").contains("&lt;script&gt;");
            }

            Api.Response changed = api.put("/api/articles/t-en-warranty", "erik",
                    WARRANTY.replace("How long is the warranty?", "What does the warranty cover?"));
            assertThat(changed.status()).isEqualTo(200);
            assertThat(changed.json().path("title").asString()).isEqualTo("What does the warranty cover?");

            assertThat(api.post("/api/articles", "erik", WARRANTY).json().path("code").asString()).isEqualTo("article_exists");
        } finally {
            assertThat(api.delete("/api/articles/t-en-warranty", "erik").status()).isEqualTo(204);
        }
        Api.Response gone = api.get("/api/articles/t-en-warranty", "erik");
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("code").asString()).isEqualTo("article_not_found");
        assertThat(api.delete("/api/articles/t-en-warranty", "erik").status()).isEqualTo(404);
        JsonNode hits = api.get("/api/articles/search?q=guarantee%20period%20kettle&locale=en", "erik").json();
        assertThat(hits.valueStream().map(h -> h.path("articleId").asString())).doesNotContain("t-en-warranty");
    }

    @Test
    void anInvalidArticleIsRefusedWithEveryProblemAndNothingChanges() {
        Api api = api();
        Api.Response invalid = api.post("/api/articles", "erik",
                "{\"id\":\"Bad Id!\",\"locale\":\"german\",\"title\":\"\",\"type\":\"faq\",\"body\":\"\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("code").asString()).isEqualTo("invalid_article");
        List<String> fields = invalid.json().path("problems").valueStream().map(p -> p.path("field").asString()).toList();
        assertThat(fields).contains("id", "locale", "title", "body");

        Api.Response wrongType = api.post("/api/articles", "erik", WARRANTY.replace("\"faq\"", "\"poem\""));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().path("problems").get(0).path("field").asString()).isEqualTo("type");

        Api.Response mismatch = api.put("/api/articles/t-en-other", "erik", WARRANTY);
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().path("code").asString()).isEqualTo("id_mismatch");

        Api.Response broken = api.post("/api/articles", "erik", "{\"id\":");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.json().path("code").asString()).isEqualTo("invalid_json");

        Api.Response replaceInvalid = api.put("/api/articles/t-en-shipping", "erik",
                "{\"id\":\"t-en-shipping\",\"locale\":\"en\",\"title\":\"\",\"type\":\"faq\",\"body\":\"x\"}");
        assertThat(replaceInvalid.status()).isEqualTo(400);
        assertThat(api.get("/api/articles/t-en-shipping", "erik").json().path("title").asString())
                .isEqualTo("How long does shipping take?");
        assertThat(api.get("/api/articles/Bad%20Id!", "erik").status()).isIn(400, 404);
    }

    @Test
    void anArticleWhoseIdIsSearchCanBeReadLikeAnyOther() {
        Api api = api();
        String article = WARRANTY.replace("t-en-warranty", "search");
        assertThat(api.post("/api/articles", "erik", article).status()).isEqualTo(201);
        try {
            Api.Response read = api.get("/api/articles/search", "erik");
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.json().path("id").asString()).isEqualTo("search");
            // Its language's classifier is retrained in the background a few seconds after the write; until
            // then another article may rank above it, depending on whether the classifier of the start was
            // done. The order is checked once it has settled.
            knowledgeBase.awaitClassifiers();
            assertThat(api.get("/api/articles/search?q=guarantee%20period&locale=en", "erik").json().get(0)
                    .path("articleId").asString()).isEqualTo("search");
        } finally {
            assertThat(api.delete("/api/articles/search", "erik").status()).isEqualTo(204);
            knowledgeBase.awaitClassifiers(); // the next test starts with a classifier that no longer knows it
        }
    }

    @Test
    void onlyEditorsMayTouchArticles() {
        Api api = api();
        assertThat(api.get("/api/articles", null).status()).isEqualTo(401);
        Api.Response agent = api.post("/api/articles", "anna", WARRANTY);
        assertThat(agent.status()).isEqualTo(403);
        assertThat(agent.json().path("code").asString()).isEqualTo("forbidden");
        assertThat(api.get("/api/articles/t-en-warranty", "erik").status()).isEqualTo(404);
    }
}

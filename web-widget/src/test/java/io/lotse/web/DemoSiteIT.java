package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** The demo shop around the widget: its icon, and the shop pages the sample articles link to. */
class DemoSiteIT extends AppIT {

    private static final Pattern LINK = Pattern.compile("\\]\\((/[^)\\s#?]*)");

    @Test
    void servesTheIconWithoutASignIn() {
        Api.Response ico = api().get("/favicon.ico", null);
        assertThat(ico.status()).isEqualTo(200);
        assertThat(ico.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/"));

        Api.Response svg = api().get("/favicon.svg", null);
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));

        for (String page : new String[] {"/", "/index.html"}) {
            assertThat(api().get(page, null).body()).contains("<link rel=\"icon\" href=\"/favicon.svg\"");
        }
        assertThat(api().get("/agent", "anna").body()).contains("<link rel=\"icon\" href=\"/favicon.svg\"");
        assertThat(api().get("/editor", "erik").body()).contains("<link rel=\"icon\" href=\"/favicon.svg\"");
    }

    @Test
    void everyLinkInTheSampleArticlesLeadsToAPageOfTheShop() throws IOException {
        Set<String> paths = sampleArticleLinks();
        assertThat(paths).as("links in the sample articles").hasSizeGreaterThan(30).contains("/konto/bestellungen", "/en/account/orders");

        for (String path : paths) {
            Api.Response page = api().get(path, null);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.raw().headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/html").containsIgnoringCase("charset=UTF-8"));
            String lang = path.startsWith("/en/") ? "en" : "de";
            assertThat(page.body()).as(path)
                    .contains("<html lang=\"" + lang + "\">")
                    .contains("Nordlicht")
                    .contains("<script src=\"/widget.js\" defer></script>")
                    .contains("href=\"" + (lang.equals("en") ? "/?lang=en" : "/") + "\"")
                    .doesNotContain("{{");
        }
        assertThat(api().get("/konto/bestellungen", null).body())
                .contains("<h1>Mein Konto → Bestellungen</h1>", "Demo-Shop „Nordlicht“", "href=\"/en/account/orders\"");
        assertThat(api().get("/en/account/orders", null).body())
                .contains("<h1>My account → Orders</h1>", "demo shop “Nordlicht”", "href=\"/konto/bestellungen\"");
    }

    @Test
    void otherPathsStillAnswerTheJsonNotFound() {
        for (String path : new String[] {"/konto/geheim", "/en/nothing-here", "/kontakt/"}) {
            Api.Response missing = api().get(path, null);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.raw().headers().firstValue("Content-Type")).as(path).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
            assertThat(missing.json().path("code").asString()).as(path).isEqualTo("not_found");
        }
    }

    /** Every site path linked from a sample article, read from the articles shipped in knowledge-base. */
    static Set<String> sampleArticleLinks() throws IOException {
        Resource[] articles = new PathMatchingResourcePatternResolver()
                .getResources("classpath*:io/lotse/knowledge/samples/*/*.md");
        assertThat(articles).as("sample articles on the class path").hasSizeGreaterThan(40);
        Set<String> paths = new TreeSet<>();
        for (Resource article : articles) {
            try (InputStream in = article.getInputStream()) {
                Matcher link = LINK.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (link.find()) {
                    paths.add(link.group(1));
                }
            }
        }
        return paths;
    }
}

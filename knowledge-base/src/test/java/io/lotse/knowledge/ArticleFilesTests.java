package io.lotse.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleFilesTests {

    private static final String ROUTER = """
            ---
            id: router-no-internet
            locale: en
            title: My router has no internet connection
            questions:
              - The internet is not working
              - "Router light: red"
            tags: [router, internet]
            category: technical
            type: troubleshooting
            ---
            1. Check the cable.
            2. Restart the router.
            """;

    @Test
    void readsFrontMatterAndBody() {
        Article article = ArticleFiles.parse("router.md", ROUTER);

        assertThat(article.id()).isEqualTo("router-no-internet");
        assertThat(article.locale()).isEqualTo("en");
        assertThat(article.questions()).containsExactly("The internet is not working", "Router light: red");
        assertThat(article.tags()).containsExactly("router", "internet");
        assertThat(article.type()).isEqualTo(ArticleType.TROUBLESHOOTING);
        assertThat(article.isTroubleshooting()).isTrue();
        assertThat(article.body()).startsWith("1. Check the cable.").contains("2. Restart the router.");
    }

    @Test
    void formatIsReadBackAsTheSameArticle() {
        Article article = new Article("versand-dauer", "de", "Wie lange dauert der Versand?",
                List.of("Wann kommt mein Paket?", "Lieferzeit: wie lange?"), List.of("versand"), "shipping",
                ArticleType.FAQ, "Standardversand dauert **2–3 Werktage**.\n\n---\n\nDanach …");

        assertThat(ArticleFiles.parse("x.md", ArticleFiles.format(article))).isEqualTo(article);
    }

    @Test
    void aFileWithoutFrontMatterIsRefusedWithAReason() {
        assertThatThrownBy(() -> ArticleFiles.parse("plain.md", "Just some text\n"))
                .isInstanceOf(ArticleValidationException.class)
                .satisfies(e -> assertThat(((ArticleValidationException) e).problems()).isNotEmpty());
    }

    @Test
    void brokenYamlIsRefusedWithAReason() {
        String broken = "---\nid: [unclosed\nlocale: de\n---\nBody\n";

        assertThatThrownBy(() -> ArticleFiles.parse("broken.md", broken))
                .isInstanceOf(ArticleValidationException.class)
                .hasMessageContaining("broken.md");
    }
}

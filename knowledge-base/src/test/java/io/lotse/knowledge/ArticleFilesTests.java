package io.lotse.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    void writeAllPutsEachArticleInAFileNamedByItsId(@TempDir Path dir) throws IOException {
        Article router = ArticleFiles.parse("router.md", ROUTER);
        Article versand = new Article("versand-dauer", "de", "Wie lange dauert der Versand?", List.of(), List.of(), null,
                ArticleType.FAQ, "Zwei bis drei Werktage.");

        Path folder = ArticleFiles.writeAll(dir.resolve("new").resolve("articles"), List.of(router, versand));

        assertThat(folder).isEqualTo(dir.resolve("new").resolve("articles"));
        assertThat(ArticleFiles.parse("a.md", Files.readString(folder.resolve("router-no-internet.md")))).isEqualTo(router);
        assertThat(ArticleFiles.parse("b.md", Files.readString(folder.resolve("versand-dauer.md")))).isEqualTo(versand);
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

package io.lotse.knowledge;

import static io.lotse.knowledge.TestArticles.faq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.lotse.knowledge.articles.ArticleValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knowledge base on the real Redis and a real Lucene index on disk. */
class KnowledgeBaseTests {

    @TempDir
    Path dir;

    private TestRedis redis;
    private KnowledgeBase kb;

    @BeforeEach
    void open() {
        redis = new TestRedis();
        kb = open("node-a");
    }

    @AfterEach
    void close() {
        kb.close();
        redis.close();
    }

    private KnowledgeBase open(String node) {
        return KnowledgeBase.open(new KnowledgeBaseSettings(dir.resolve(node), redis.prefix), redis.connection, redis.newPubSub());
    }

    private void write(String name, String content) throws IOException {
        Path file = dir.resolve("import").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String file(String id, String locale, String title, String question, String body) {
        return "---\nid: " + id + "\nlocale: " + locale + "\ntitle: " + title + "\nquestions:\n  - " + question
                + "\ntype: faq\n---\n" + body + "\n";
    }

    private void importExample() throws IOException {
        write("de/versand.md", file("versand", "de", "Wie lange dauert der Versand?", "Wann kommt mein Paket?",
                "Der Standardversand dauert zwei bis drei Werktage."));
        write("de/ruecksendung.md", file("ruecksendung", "de", "Wie schicke ich etwas zurück?", "Ware zurückgeben",
                "Melden Sie die Rücksendung im Kundenkonto an. Das Etikett kommt per E-Mail."));
        write("de/passwort.md", file("passwort", "de", "Passwort vergessen", "Ich komme nicht in mein Konto",
                "Klicken Sie auf der Anmeldeseite auf Passwort vergessen."));
        write("en/shipping.md", file("shipping", "en", "How long does delivery take?", "When will my parcel arrive?",
                "Standard delivery takes two to three working days."));
        write("en/password.md", file("password", "en", "I forgot my password", "I cannot log in",
                "Click forgot password on the login page."));
    }

    @Test
    void importsAFolderAndReportsAMalformedFileByNameWithoutImportingIt() throws IOException {
        importExample();
        write("de/kaputt.md", "---\nid: kaputt\nlocale: de\ntitle: [nicht geschlossen\n---\nText\n");
        write("en/no-body.md", "---\nid: no-body\nlocale: en\ntitle: Empty\n---\n");

        ImportReport report = kb.importDirectory(dir.resolve("import"));

        assertThat(report.imported()).isEqualTo(5);
        assertThat(report.problems()).extracting(ImportReport.ImportProblem::file)
                .containsExactlyInAnyOrder("de/kaputt.md", "en/no-body.md");
        assertThat(report.problems()).allSatisfy(problem -> assertThat(problem.problem()).isNotBlank());
        assertThat(kb.get("kaputt")).isEmpty();
        assertThat(kb.get("no-body")).isEmpty();
        assertThat(kb.list("de")).extracting(Article::id).containsExactly("passwort", "ruecksendung", "versand");
        assertThat(kb.list(null)).hasSize(5);
        assertThat(kb.size()).isEqualTo(5);
        assertThat(kb.sizeByLanguage()).containsExactly(Map.entry("de", 3), Map.entry("en", 2));
    }

    @Test
    void importIsAnUpsertById() throws IOException {
        importExample();
        kb.importDirectory(dir.resolve("import"));
        write("de/versand.md", file("versand", "de", "Versanddauer", "Wann kommt mein Paket?", "Ab jetzt einen Werktag."));

        ImportReport again = kb.importDirectory(dir.resolve("import"));

        assertThat(again.isClean()).isTrue();
        assertThat(kb.size()).isEqualTo(5);
        assertThat(kb.get("versand")).get().extracting(Article::title).isEqualTo("Versanddauer");
    }

    @Test
    void theIndexLivesOnDisk() throws IOException {
        importExample();
        kb.importDirectory(dir.resolve("import"));

        try (var files = Files.list(dir.resolve("node-a"))) {
            // Segment files ("_0.cfs", …): the searchers read flushed segments from the folder.
            assertThat(files.map(path -> path.getFileName().toString())).anyMatch(name -> name.startsWith("_"));
        }
    }

    @Test
    void findsTheRightArticleInEachLanguage() throws IOException {
        importExample();
        kb.importDirectory(dir.resolve("import"));

        assertThat(top("Wann kommt mein Paket an?", "de")).isEqualTo("versand");
        assertThat(top("Ich habe mein Passwort vergessen", "de")).isEqualTo("passwort");
        assertThat(top("when does my parcel arrive", "en")).isEqualTo("shipping");
        assertThat(top("forgot my password", "en")).isEqualTo("password");
        assertThat(kb.search("Wann kommt mein Paket an?", "de", 10)).allSatisfy(hit -> {
            assertThat(hit.article().locale()).isEqualTo("de");
            assertThat(hit.score()).isPositive();
            assertThat(hit.coverage()).isBetween(0.0, 1.0);
        });
    }

    @Test
    void germanSearchFoldsUmlautsAndSplitsCompoundsWithTheArticlesOwnWords() throws IOException {
        importExample();
        kb.importDirectory(dir.resolve("import"));

        // "Rücksendeetikett" is in no article; "Rücksendung" and "Etikett" are.
        assertThat(top("Wo finde ich das Rücksendeetikett?", "de")).isEqualTo("ruecksendung");
        assertThat(top("ruecksendung", "de")).isEqualTo("ruecksendung");
        assertThat(top("PASSWORT VERGESSEN!!", "de")).isEqualTo("passwort");
    }

    @Test
    void customerTextIsNeverReadAsQuerySyntax() throws IOException {
        importExample();
        kb.importDirectory(dir.resolve("import"));

        for (String odd : List.of("password AND (", "\"unclosed", "*:*", "title:[a TO z]", "~~~", "", "   ", "🙂🙂",
                "der die das und", "x".repeat(5000))) {
            assertThat(kb.search(odd, "en", 5)).as(odd).isNotNull();
        }
        assertThat(kb.search("*:*", "en", 5)).isEmpty();
    }

    @Test
    void aChangeIsSearchableWhenTheCallReturns() {
        kb.create(faq("gutschein", "de", "Gutschein einlösen", List.of("Wo gebe ich den Gutscheincode ein?"),
                "Den Code geben Sie im Warenkorb ein."));
        assertThat(top("Gutscheincode eingeben", "de")).isEqualTo("gutschein");

        boolean created = kb.put("gutschein", faq("gutschein", "de", "Geschenkkarte einlösen",
                List.of("Wie löse ich eine Geschenkkarte ein?"), "Die Karte lösen Sie an der Kasse ein."));
        assertThat(created).isFalse();
        assertThat(top("Geschenkkarte", "de")).isEqualTo("gutschein");
        assertThat(kb.search("Gutscheincode", "de", 5)).isEmpty();

        kb.delete("gutschein");
        assertThat(kb.search("Geschenkkarte", "de", 5)).isEmpty();
        assertThat(kb.get("gutschein")).isEmpty();
    }

    @Test
    void knowsWhichLanguagesHaveArticles() {
        assertThat(kb.hasArticlesIn("de")).isFalse();
        long before = kb.generation();

        kb.create(faq("gutschein", "de", "Gutschein einlösen", List.of(), "Den Code geben Sie im Warenkorb ein."));
        kb.create(faq("voucher", "en", "Redeeming a voucher", List.of(), "Enter the code in the basket."));
        assertThat(kb.hasArticlesIn("de")).isTrue();
        assertThat(kb.hasArticlesIn("fr")).isFalse();
        assertThat(kb.hasArticlesIn(null)).isFalse();
        assertThat(kb.languages()).containsExactly("de", "en");
        long afterCreates = kb.generation();
        assertThat(afterCreates).as("every change moves the generation on").isGreaterThan(before);

        kb.delete("gutschein");
        assertThat(kb.hasArticlesIn("de")).isFalse();
        assertThat(kb.languages()).containsExactly("en");
        assertThat(kb.generation()).isGreaterThan(afterCreates);
    }

    @Test
    void invalidOrConflictingWritesChangeNothing() {
        Article valid = faq("konto", "de", "Konto löschen", List.of(), "So löschen Sie Ihr Konto.");
        kb.create(valid);

        assertThatThrownBy(() -> kb.create(valid)).isInstanceOf(ArticleConflictException.class);
        assertThatThrownBy(() -> kb.create(faq("Bad Id!", "deutsch", "", List.of(), "")))
                .isInstanceOfSatisfying(ArticleValidationException.class, e -> assertThat(e.problems())
                        .extracting(ArticleValidationException.Problem::field).contains("id", "locale", "title", "body"));
        assertThatThrownBy(() -> kb.put("konto", valid.withId("anderes")))
                .isInstanceOf(ArticleValidationException.class);
        assertThatThrownBy(() -> kb.put("konto", new Article("konto", "de", "Konto", List.of(), List.of(), null, ArticleType.FAQ, " ")))
                .isInstanceOf(ArticleValidationException.class);
        assertThatThrownBy(() -> kb.delete("gibt-es-nicht")).isInstanceOf(ArticleNotFoundException.class);

        assertThat(kb.list(null)).containsExactly(valid);
        assertThat(kb.get("anderes")).isEmpty();
        assertThat(top("Konto löschen", "de")).isEqualTo("konto");
    }

    @Test
    void anArticleMayHaveUpTo500ExampleQuestions() {
        List<String> threeHundred = IntStream.rangeClosed(1, 300).mapToObj(i -> "How do I pay with card number " + i + "?").toList();
        List<String> tooMany = IntStream.rangeClosed(1, 501).mapToObj(i -> "Question " + i).toList();

        kb.create(faq("payment", "en", "Paying by card", threeHundred, "We take all major cards."));
        assertThatThrownBy(() -> kb.create(faq("too-many", "en", "Too many", tooMany, "Body.")))
                .isInstanceOfSatisfying(ArticleValidationException.class, e -> assertThat(e.problems())
                        .extracting(ArticleValidationException.Problem::field).containsExactly("questions"));

        assertThat(kb.get("payment")).get().extracting(article -> article.questions().size()).isEqualTo(300);
        assertThat(kb.get("too-many")).isEmpty();
        assertThat(top("pay with card number 17", "en")).isEqualTo("payment");
        assertThat(ArticleValidator.problems(faq("limit", "en", "Limit", tooMany.subList(0, 500), "Body."))).isEmpty();
    }

    @Test
    void anImportReturnsWithItsClassifiersTrained() throws IOException {
        importExample();

        kb.importDirectory(dir.resolve("import"));

        // No waiting: the head of each language knows the imported articles when the import returns.
        assertThat(kb.search("when does my parcel arrive", "en", 5).getFirst().probability()).isPositive();
        assertThat(kb.search("Wann kommt mein Paket an?", "de", 5).getFirst().probability()).isPositive();
    }

    @Test
    void awaitClassifiersReturnsWhenTheHeadKnowsTheNewArticle() throws IOException {
        importExample();
        kb.importDirectory(dir.resolve("import"));

        kb.put("refund", faq("refund", "en", "How do I get a refund?", List.of("I want my money back", "refund for a return"),
                "Refunds reach your account within five days."));
        kb.awaitClassifiers();

        SearchHit hit = kb.search("I want my money back", "en", 5).getFirst();
        assertThat(hit.article().id()).isEqualTo("refund");
        assertThat(hit.probability()).isPositive();
        assertThat(kb.awaitClassifiers(Duration.ofSeconds(30))).isTrue();
        assertThat(kb.awaitClassifiers(Duration.ZERO)).as("nothing changed since").isTrue();
    }

    @Test
    void anotherNodeSeesEveryChange() {
        try (KnowledgeBase other = open("node-b")) {
            kb.create(faq("router", "de", "Router startet neu", List.of("Mein Router startet ständig neu"), "Prüfen Sie das Netzteil."));
            await().atMost(Duration.ofSeconds(10)).until(() -> !other.search("Router startet neu", "de", 5).isEmpty());
            assertThat(other.search("Router startet neu", "de", 5).getFirst().article().id()).isEqualTo("router");

            kb.delete("router");
            await().atMost(Duration.ofSeconds(10)).until(() -> other.search("Router startet neu", "de", 5).isEmpty());
        }
    }

    @Test
    void aRestartedNodeRebuildsItsIndexFromRedis() {
        kb.create(faq("rechnung", "de", "Rechnung herunterladen", List.of("Wo finde ich meine Rechnung?"), "Im Kundenkonto unter Bestellungen."));
        kb.close();

        kb = open("node-a");

        assertThat(kb.isReady()).isTrue();
        assertThat(top("Wo ist meine Rechnung?", "de")).isEqualTo("rechnung");
    }

    @Test
    void theBundledSamplesAreImportedOnceAndCoverBothLanguages() {
        ImportReport first = kb.importSamples();

        assertThat(first.problems()).isEmpty();
        assertThat(kb.list("de")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(kb.list("en")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(kb.list("de")).filteredOn(Article::isTroubleshooting).hasSizeGreaterThanOrEqualTo(3);
        assertThat(kb.list("en")).filteredOn(Article::isTroubleshooting).hasSizeGreaterThanOrEqualTo(3);

        kb.delete(kb.list("de").getFirst().id());
        ImportReport second = kb.importSamples();

        assertThat(second.imported()).isZero();
        assertThat(kb.list("de").size()).isEqualTo(kb.list("en").size() - 1);
    }

    private String top(String question, String locale) {
        List<SearchHit> hits = kb.search(question, locale, 5);
        return hits.isEmpty() ? null : hits.getFirst().article().id();
    }
}

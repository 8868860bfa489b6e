package io.lotse.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.LabelledText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetArticlesTests {

    private static List<LabelledText> rows(String label, int count) {
        List<LabelledText> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new LabelledText(label + " question " + i, label));
        }
        return rows;
    }

    @Test
    void eachInScopeLabelBecomesOneArticleAndOutOfScopeRowsNone() {
        List<LabelledText> train = new ArrayList<>(rows("pto_request", 3));
        train.addAll(rows("oos", 5));
        train.addAll(rows("Refund_not_showing_up", 2));

        DatasetArticles dataset = DatasetArticles.from(train, 0, 42, "en");

        assertThat(dataset.articles()).extracting(Article::id).containsExactlyInAnyOrder("pto_request", "refund_not_showing_up");
        Article pto = dataset.articles().stream().filter(a -> a.id().equals("pto_request")).findFirst().orElseThrow();
        assertThat(pto.title()).isEqualTo("pto request");
        assertThat(pto.body()).isEqualTo("pto request");
        assertThat(pto.locale()).isEqualTo("en");
        assertThat(pto.questions()).containsExactly("pto_request question 0", "pto_request question 1", "pto_request question 2");
        assertThat(dataset.expectedId(new LabelledText("x", "Refund_not_showing_up"))).isEqualTo("refund_not_showing_up");
        assertThat(dataset.expectedId(new LabelledText("x", "oos"))).isNull();
    }

    @Test
    void labelsBecomeValidAndDistinctIds() {
        assertThat(DatasetArticles.id("What's up?")).isEqualTo("what-s-up-");
        assertThat(DatasetArticles.id("__weird")).isEqualTo("weird");
        assertThat(DatasetArticles.id("äöü")).isEqualTo("label");

        List<LabelledText> train = new ArrayList<>(rows("a b", 1));
        train.addAll(rows("a/b", 1));
        DatasetArticles dataset = DatasetArticles.from(train, 0, 42, "de");

        assertThat(dataset.articles()).extracting(Article::id).containsExactlyInAnyOrder("a-b", "a-b-2");
        assertThat(dataset.articles()).extracting(Article::locale).containsOnly("de");
    }

    @Test
    void shotsKeepTheSameQuestionsForTheSameSeed() {
        List<LabelledText> train = rows("cancel", 40);

        DatasetArticles five = DatasetArticles.from(train, 5, 42, "en");
        DatasetArticles again = DatasetArticles.from(train, 5, 42, "en");
        DatasetArticles other = DatasetArticles.from(train, 5, 7, "en");

        assertThat(five.articles().getFirst().questions()).hasSize(5).isEqualTo(again.articles().getFirst().questions());
        assertThat(other.articles().getFirst().questions()).isNotEqualTo(five.articles().getFirst().questions());
        assertThat(five.dropped()).isEqualTo(35);
    }

    @Test
    void anArticleHoldsNoMoreQuestionsThanTheKnowledgeBaseAllowsAndNoneTooLong() {
        List<LabelledText> train = new ArrayList<>(rows("card_arrival", Article.MAX_QUESTIONS + 10));
        train.add(new LabelledText("x".repeat(Article.MAX_ENTRY + 1), "card_arrival"));
        train.add(new LabelledText("card_arrival question 0", "card_arrival"));

        DatasetArticles dataset = DatasetArticles.from(train, 0, 42, "en");

        assertThat(dataset.articles().getFirst().questions()).hasSize(Article.MAX_QUESTIONS).doesNotHaveDuplicates();
        assertThat(dataset.dropped()).isEqualTo(11);
    }
}

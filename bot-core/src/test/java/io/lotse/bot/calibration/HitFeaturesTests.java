package io.lotse.bot.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.knowledge.Article;
import io.lotse.knowledge.ArticleType;
import io.lotse.knowledge.SearchHit;
import java.util.List;
import org.junit.jupiter.api.Test;

class HitFeaturesTests {

    private static Article article(String locale) {
        return new Article("a-" + locale, locale, "Title", List.of("A question"), List.of(), null, ArticleType.FAQ, "Body");
    }

    @Test
    void aModelWithoutItsSemanticSideDecidesOnTheWordsForEveryHit() {
        CalibratedConfidence both = CalibratedConfidence.defaults();
        List<SearchHit> withSignals = List.of(new SearchHit(article("en"), 1, 0.8, "x", 6, 0.7, 0.6));
        List<SearchHit> lexical = List.of(new SearchHit(article("en"), 1, 0.8, "x", 6, Double.NaN, Double.NaN));

        assertThat(both.usesSemantic()).isTrue();
        assertThat(both.lexicalOnly().usesSemantic()).isFalse();
        assertThat(both.lexicalOnly().confidences(withSignals)).containsExactly(both.confidences(lexical));
        assertThat(both.confidences(withSignals)).doesNotContain(both.confidences(lexical)[0]);
    }

}

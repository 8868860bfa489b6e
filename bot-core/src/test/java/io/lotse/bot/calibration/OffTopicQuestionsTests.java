package io.lotse.bot.calibration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OffTopicQuestionsTests {

    @Test
    void germanAndEnglishHaveOneHundredOrMoreDistinctQuestionsWithoutComments() {
        for (String locale : List.of("de", "en")) {
            List<String> questions = OffTopicQuestions.of(locale);

            assertThat(questions).as(locale).hasSizeGreaterThanOrEqualTo(100).doesNotHaveDuplicates();
            assertThat(questions).as(locale).allSatisfy(question -> {
                assertThat(question).isNotBlank().doesNotStartWith("#").isEqualTo(question.strip());
            });
        }
        assertThat(OffTopicQuestions.of("DE")).isEqualTo(OffTopicQuestions.of("de"));
    }

    @Test
    void otherLanguagesHaveNone() {
        assertThat(OffTopicQuestions.of("fr")).isEmpty();
        assertThat(OffTopicQuestions.of(null)).isEmpty();
    }
}

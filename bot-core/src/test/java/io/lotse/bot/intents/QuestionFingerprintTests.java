package io.lotse.bot.intents;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuestionFingerprintTests {

    @Test
    void theSameQuestionAgainHasTheSameFingerprint() {
        String first = QuestionFingerprint.of("Wo ist mein Paket?");

        assertThat(first).hasSize(16).matches("[0-9a-f]{16}");
        assertThat(QuestionFingerprint.of("wo ist MEIN paket???")).isEqualTo(first);
        assertThat(QuestionFingerprint.of("Wo ist mein Paket? Ich frage jetzt nochmal!")).isEqualTo(first);
        assertThat(QuestionFingerprint.of("Mein Paket, wo ist es... mein Paket?")).isNotEqualTo(first);
        assertThat(QuestionFingerprint.of("Where is my parcel please")).isEqualTo(QuestionFingerprint.of("where is my parcel again?"));
    }

    @Test
    void anotherWordMakesAnotherQuestion() {
        assertThat(QuestionFingerprint.of("Wie lange dauert der Versand nach Österreich?"))
                .isNotEqualTo(QuestionFingerprint.of("Wie lange dauert der Versand?"));
        assertThat(QuestionFingerprint.of("Wo ist meine Rechnung?")).isNotEqualTo(QuestionFingerprint.of("Wo ist mein Paket?"));
    }

    @Test
    void nothingLeftToCompareHasNoFingerprint() {
        assertThat(QuestionFingerprint.of("bitte nochmal")).isNull();
        assertThat(QuestionFingerprint.of("?!")).isNull();
        assertThat(QuestionFingerprint.of(null)).isNull();
    }
}

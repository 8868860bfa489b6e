package io.lotse.bot.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LanguageDetectorTests {

    @ParameterizedTest
    @ValueSource(strings = {
        "Wie lange dauert der Versand?",
        "Mein WLAN geht nicht",
        "Ich möchte mit einem Mitarbeiter sprechen",
        "Können Sie mir helfen?",
        "Guten Tag, ich habe eine Frage zu meiner Bestellung vom letzten Dienstag. Das Paket ist leider immer"
                + " noch nicht angekommen, obwohl die Sendungsverfolgung sagt, dass es zugestellt wurde."})
    void germanIsRecognisedOnAnEnglishPage(String text) {
        assertThat(LanguageDetector.detect(text, "en")).isEqualTo("de");
        assertThat(LanguageDetector.clearLanguage(text)).isEqualTo("de");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "How long does shipping take?",
        "My router has no internet",
        "I don't understand the invoice",
        "Where is my order?",
        "Good afternoon, I ordered a pair of shoes last week and the parcel still has not arrived, although"
                + " the tracking page says that it was delivered to my neighbour."})
    void englishIsRecognisedOnAGermanPage(String text) {
        assertThat(LanguageDetector.detect(text, "de")).isEqualTo("en");
        assertThat(LanguageDetector.clearLanguage(text)).isEqualTo("en");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hallo", "Danke", "ok", "Router kaputt", "WLAN", "thanks", "agent please", "Versand?",
            "123", "", "Rechnungskopie herunterladen"})
    void shortOrAmbiguousTextKeepsTheFallback(String text) {
        assertThat(LanguageDetector.clearLanguage(text)).as("thin evidence").isNull();
        assertThat(LanguageDetector.detect(text, "de")).isEqualTo("de");
        assertThat(LanguageDetector.detect(text, "en")).isEqualTo("en");
    }

    @Test
    void mixedTextKeepsTheFallback() {
        assertThat(LanguageDetector.detect("Ich habe a problem with the Rechnung", "de")).isEqualTo("de");
        assertThat(LanguageDetector.detect("Ich habe a problem with the Rechnung", "en")).isEqualTo("en");
    }

    @Test
    void withoutAUsableFallbackTheAnswerIsEnglish() {
        assertThat(LanguageDetector.detect("ok", null)).isEqualTo("en");
        assertThat(LanguageDetector.detect("ok", "fr")).isEqualTo("en");
        assertThat(LanguageDetector.detect(null, null)).isEqualTo("en");
        assertThat(LanguageDetector.detect("ok", "de-AT")).isEqualTo("de");
    }

    @Test
    void germanWithoutUmlautsIsStillGerman() {
        assertThat(LanguageDetector.detect("Ich moechte fuer meine Bestellung bezahlen", "en")).isEqualTo("de");
    }
}

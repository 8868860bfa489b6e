package io.lotse.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LanguageTests {

    @Test
    void aLocaleReadsAsItsLanguage() {
        assertThat(Language.of("de")).contains(Language.DE);
        assertThat(Language.of(" de-AT ")).contains(Language.DE);
        assertThat(Language.of("EN_gb")).contains(Language.EN);
        assertThat(Language.of("en-US")).contains(Language.EN);
        assertThat(Language.of("fr")).isEmpty();
        assertThat(Language.of("deu")).as("a longer code without a separator").isEmpty();
        assertThat(Language.of("")).isEmpty();
        assertThat(Language.of(null)).isEmpty();
        assertThat(Language.orEnglish("fr-CH")).isEqualTo(Language.EN);
        assertThat(Language.orEnglish("DE")).isEqualTo(Language.DE);
    }

    @Test
    void aTagIsExactlyDeOrEn() {
        assertThat(Language.DE.tag()).isEqualTo("de");
        assertThat(Language.EN.tag()).isEqualTo("en");
        assertThat(Language.fromTag("de")).contains(Language.DE);
        assertThat(Language.fromTag("DE")).isEmpty();
        assertThat(Language.fromTag("de-AT")).isEmpty();
        assertThat(Language.fromTag(null)).isEqualTo(Optional.empty());
        assertThat(Language.DE.other()).isEqualTo(Language.EN);
        assertThat(Language.EN.other()).isEqualTo(Language.DE);
    }

    @Test
    void umlautsAreSpelledOutOrDropped() {
        assertThat(Language.umlautsSpelledOut("für größe ändern café")).isEqualTo("fuer groesse aendern café");
        assertThat(Language.umlautsAsVowels("für größe ändern café")).isEqualTo("fur grosse andern café");
    }
}

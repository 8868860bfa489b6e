package io.lotse.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.knowledge.LabelledText;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetLanguageTests {

    @Test
    void aDatasetsLanguageIsWhatMostOfItsTextsClearlyReadAs() {
        List<LabelledText> german = List.of(
                new LabelledText("Wie kann ich meine Karte sperren lassen?", "block"),
                new LabelledText("Ich habe mein Passwort vergessen", "password"),
                new LabelledText("card pin", "pin"), // says nothing
                new LabelledText("Where is my card?", "arrival"));
        List<LabelledText> english = List.of(
                new LabelledText("How do I block my card?", "block"),
                new LabelledText("I forgot my password", "password"),
                new LabelledText("Wo ist meine Karte?", "arrival"));

        assertThat(DatasetLanguage.of(german)).isEqualTo("de");
        assertThat(DatasetLanguage.of(english)).isEqualTo("en");
        assertThat(DatasetLanguage.of(List.of(new LabelledText("card pin", "pin")))).isEqualTo("en");
    }
}

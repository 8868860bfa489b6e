package io.lotse.bot.guides;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class GuideTests {

    private static Guide guide(String body) {
        Optional<Guide> guide = Guide.parse(body);
        assertThat(guide).isPresent();
        return guide.get();
    }

    @Test
    void theItemsOfANumberedListAreTheSteps() {
        Guide guide = guide("""
                1. Check the cable.
                2. Restart the router.
                3. Call us.
                """);

        assertThat(guide.steps()).containsExactly("Check the cable.", "Restart the router.", "Call us.");
        assertThat(guide.size()).isEqualTo(3);
        assertThat(guide.step(2)).isEqualTo("Restart the router.");
        assertThat(guide.intro()).isEmpty();
    }

    @Test
    void roundBracketsAndAnyStartNumberAreNumberedListsToo() {
        assertThat(guide("1) Eins\n2) Zwei").steps()).containsExactly("Eins", "Zwei");
        assertThat(guide("3. Drei\n4. Vier").steps()).containsExactly("Drei", "Vier");
    }

    @Test
    void textBeforeTheListIsTheIntro() {
        Guide guide = guide("""
                Most problems are **quickly** fixed.

                Have your password ready.

                1. Check the cable.
                """);

        assertThat(guide.intro()).isEqualTo("Most problems are **quickly** fixed.\n\nHave your password ready.");
        assertThat(guide.steps()).containsExactly("Check the cable.");
    }

    @Test
    void continuationLinesAndNestedListsStayWithTheirStep() {
        Guide guide = guide("""
                1. Open the settings:
                   1. Tap Wi-Fi.
                   2. Switch it off and on.
                2. Restart the router: unplug it for 30 seconds,
                   then plug it in again.

                   Wait until the light is green.
                3. Reset it.
                """);

        assertThat(guide.steps()).containsExactly(
                "Open the settings:\n1. Tap Wi-Fi.\n2. Switch it off and on.",
                "Restart the router: unplug it for 30 seconds,\nthen plug it in again.\n\nWait until the light is green.",
                "Reset it.");
    }

    @Test
    void anUnindentedParagraphAfterABlankLineEndsTheList() {
        Guide guide = guide("""
                1. Check the cable.
                2. Restart the router.

                Still no luck? Our team is there for you.
                """);

        assertThat(guide.steps()).containsExactly("Check the cable.", "Restart the router.");
    }

    @Test
    void numbersInACodeBlockAreNotSteps() {
        Guide guide = guide("""
                ```
                1. not a step
                ```
                1. A step.
                """);

        assertThat(guide.steps()).containsExactly("A step.");
        assertThat(guide.intro()).isEqualTo("```\n1. not a step\n```");
    }

    @Test
    void windowsLineEndingsAreLinesToo() {
        assertThat(guide("1. One\r\n2. Two\r\n").steps()).containsExactly("One", "Two");
    }

    @Test
    void emptyItemsAreSkipped() {
        assertThat(guide("1.\n2. Two\n3.   \n").steps()).containsExactly("Two");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   \n  ", "Restart the printer. If that does not help, check the cable.",
            "- a bullet\n- list", "1.no space after the number", "    1. indented four spaces is code",
            "1.", "```\n1. only in code\n```", "1234567890. too long a number"})
    void withoutANumberedListThereIsNoGuide(String body) {
        assertThat(Guide.parse(body)).isEmpty();
    }
}

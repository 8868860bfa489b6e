package io.lotse.bot;

/**
 * One message from the customer as the engine sees it.
 *
 * @param text what the customer typed, or the label of the quick reply they clicked
 * @param payload the clicked quick reply's payload ({@code human}, {@code yes}, {@code no},
 *     {@code article:<id>}), or {@code null} for typed text; unknown payloads are ignored
 * @param pageLocale the language of the page the widget runs on ({@code de}, {@code en}, …), may be {@code null}
 */
public record CustomerInput(String text, String payload, String pageLocale) {

    /** Typed text without a payload. */
    public static CustomerInput typed(String text, String pageLocale) {
        return new CustomerInput(text, null, pageLocale);
    }
}

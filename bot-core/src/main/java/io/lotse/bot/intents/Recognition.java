package io.lotse.bot.intents;

/**
 * The intent of a customer message and, for a question, the text to search for.
 *
 * @param question the customer's own words, from the first word of the question to its last, with
 *     leading and trailing small talk removed ("Hallo, wie lange dauert der Versand? Danke!" →
 *     "wie lange dauert der Versand"); empty unless {@code intent} is {@link Intent#QUESTION}
 * @param smallTalkRemoved whether a greeting, thanks or goodbye was cut off the message to get the question
 */
public record Recognition(Intent intent, String question, boolean smallTalkRemoved) {

    static Recognition of(Intent intent) {
        return new Recognition(intent, "", false);
    }

    /**
     * What to give the retriever for a question: the message as typed (its contract), unless small
     * talk had to be cut off, which would otherwise pull in articles about greetings and thanks.
     */
    public String query(String typed) {
        return smallTalkRemoved || typed == null ? question : typed.strip();
    }
}

package io.lotse.bot.intents;

/** What a customer message is, before any article is searched. */
public enum Intent {
    GREETING,
    THANKS,
    GOODBYE,
    /** "ok", "super", a thumbs-up: nothing to answer, nothing to search. */
    ACKNOWLEDGE,
    /** The wish to talk to a person. */
    HUMAN,
    /** The question whether the customer is talking to a bot or a person. */
    BOT_IDENTITY,
    FRUSTRATION,
    /** Only recognised while a troubleshooting guide is active: the step helped. */
    YES,
    /** Only recognised while a troubleshooting guide is active: the step did not help. */
    NO,
    /** Anything else: a question for the knowledge base. */
    QUESTION;

    boolean smallTalk() {
        return this == GREETING || this == THANKS || this == GOODBYE || this == ACKNOWLEDGE;
    }
}

/**
 * The conversation engine: one customer message in, the bot's reply and the next state out.
 *
 * <p>The public face is {@link io.lotse.bot.BotEngine} with its value types ({@link io.lotse.bot.BotState},
 * {@link io.lotse.bot.CustomerInput}, {@link io.lotse.bot.BotTurn}, …) and the engine's own replies. The
 * features live in packages below it, public only where the engine or another feature needs them:
 * {@code language} (which language a message is in), {@code intents} (small talk, the wish for a person,
 * frustration, the question to search for), {@code guides} (a troubleshooting article's steps),
 * {@code decision} (answer, clarify or escalate, and the {@code ConfidenceModel} seam) and
 * {@code calibration} (the calibrated confidence and how it is fitted on labelled questions, a
 * knowledge base's own included). The engine knows nothing of WebSockets or Redis: the caller stores
 * the {@code BotState} between messages.
 */
package io.lotse.bot;

/**
 * The conversation engine: one customer message in, the bot's reply and the next state out.
 *
 * <p>The public face is {@link io.lotse.bot.BotEngine} with its value types ({@link io.lotse.bot.BotState},
 * {@link io.lotse.bot.CustomerInput}, {@link io.lotse.bot.BotTurn}, …), {@link io.lotse.bot.LanguageDetector},
 * and the confidence: {@link io.lotse.bot.ConfidenceModel}, {@link io.lotse.bot.CalibratedConfidence} and
 * {@link io.lotse.bot.Calibration}, which fits it on labelled questions. Everything else (intent patterns,
 * the features and the regression behind the confidence, guide parsing, the message catalogue)
 * is package-private so that it can change without touching the web module. The engine knows
 * nothing of WebSockets or Redis: the caller stores the {@code BotState} between messages.
 */
package io.lotse.bot;

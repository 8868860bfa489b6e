package io.lotse.bot;

/**
 * An article the bot considered for a message.
 *
 * @param score the retriever's raw score (BM25: unbounded)
 * @param coverage the share, 0..1, of the message's significant terms the article matched
 * @param confidence the engine's confidence, 0..1, that the article answers the message
 */
public record Candidate(String articleId, String title, double score, double coverage, double confidence) {}

package io.lotse.web.chat;

import io.lotse.bot.BotEngine;
import io.lotse.bot.BotMessage;
import io.lotse.bot.BotState;
import io.lotse.bot.BotTurn;
import io.lotse.bot.CustomerInput;
import io.lotse.bot.EscalationReason;
import io.lotse.handoff.AppendResult;
import io.lotse.handoff.Conversation;
import io.lotse.handoff.ConversationNotFoundException;
import io.lotse.handoff.ConversationStatus;
import io.lotse.handoff.Frame;
import io.lotse.handoff.Handoff;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What happens to a customer's message: it is stored once, and while the bot has the conversation
 * the bot answers it and may hand it over to the queue.
 *
 * <p>Once the conversation is queued or with an agent, the message is only stored: the agent reads
 * it, and the bot stays silent.
 */
final class ChatService {

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);
    /** How far back a handoff looks for the question the conversation is about. */
    private static final int RECENT_FRAMES = 12;
    /** The payload of the quick reply that asks for a person. */
    private static final String HUMAN = "human";

    private final Handoff handoff;
    /** The current engine (recalibrated engines replace it). */
    private final Supplier<BotEngine> engine;
    private final BotFrames botFrames;
    private final JsonMapper json;
    /** The category of an article by id, which picks the team a handoff goes to; {@code null} when unknown. */
    private final Function<String, String> categoryOf;
    private final BotMeters meters;

    ChatService(Handoff handoff, Supplier<BotEngine> engine, BotFrames botFrames, JsonMapper json,
            Function<String, String> categoryOf, BotMeters meters) {
        this.handoff = handoff;
        this.engine = engine;
        this.botFrames = botFrames;
        this.json = json;
        this.categoryOf = categoryOf;
        this.meters = meters;
    }

    /**
     * Stores and answers one customer message. A repeated client id stores nothing; it is answered
     * only if the bot never answered it (its node stopped first).
     */
    void onCustomerMessage(String conversationId, String clientId, String text, String payload, String pageLocale) {
        AppendResult stored = handoff.appendCustomerMessage(conversationId, clientId, text);
        if (stored.duplicate()) {
            handoff.unanswered(conversationId).filter(frame -> frame.seq() == stored.seq())
                    .ifPresent(frame -> answer(conversationId, frame.seq(), textOf(frame), payload, pageLocale));
            return;
        }
        answer(conversationId, stored.seq(), text, payload, pageLocale);
    }

    /**
     * Answers the conversation's last customer message if the bot never did (its node stopped
     * between storing and answering it): for a customer who comes back.
     *
     * @return whether the bot answered now
     */
    boolean answerUnanswered(String conversationId, String pageLocale) {
        return handoff.unanswered(conversationId)
                .map(frame -> answer(conversationId, frame.seq(), textOf(frame), null, pageLocale))
                .orElse(false);
    }

    /** The bot's turn for the customer message {@code seq}, stored unless that message was answered meanwhile. */
    private boolean answer(String conversationId, long seq, String text, String payload, String pageLocale) {
        Conversation conversation = handoff.find(conversationId)
                .orElseThrow(() -> new ConversationNotFoundException(conversationId));
        if (conversation.status() == ConversationStatus.PENDING && HUMAN.equals(payload)) {
            // Asked for a person again while nobody was there: maybe somebody is now.
            handoff.requestAgent(conversationId, EscalationReason.CUSTOMER_REQUEST.code(), null, null);
            return false;
        }
        if (conversation.status() != ConversationStatus.BOT) {
            return false;
        }
        BotState state = handoff.botState(conversationId).map(this::readState)
                .orElseGet(() -> BotState.initial(conversation.locale()));
        BotTurn turn = engine.get().respond(state, new CustomerInput(text, payload, pageLocale));
        if (!handoff.saveBotState(conversationId, json.writeValueAsString(turn.state()), seq)) {
            // Answered by another connection (or node) first, from the same state.
            return false;
        }
        meters.replied(turn);
        // The decision rides on the turn's first bot frame: agents and editors see why, customers never do.
        Object decision = turn.decision();
        for (BotMessage message : turn.messages()) {
            handoff.appendFrame(conversationId, botFrames.frame(message, decision));
            decision = null;
        }
        if (turn.escalation() != null) {
            handoff.requestAgent(conversationId, turn.escalation().code(), handoffContext(turn, text),
                    category(conversationId, turn));
        }
        return true;
    }

    private String textOf(Frame customerFrame) {
        return json.readTree(customerFrame.json()).path("text").asString();
    }

    /**
     * The category of the article the conversation is about, which picks the team: the one the bot
     * ranked first for this message, or, when the customer simply asked for a person, for the latest
     * of their questions.
     */
    private String category(String conversationId, BotTurn turn) {
        if (turn.decision() != null && !turn.decision().candidates().isEmpty()) {
            return categoryOf.apply(turn.decision().candidates().getFirst().articleId());
        }
        long last = handoff.lastSeq(conversationId);
        List<Frame> recent = handoff.framesAfter(conversationId, Math.max(0, last - RECENT_FRAMES));
        for (Frame frame : recent.reversed()) {
            if (!"bot".equals(frame.type())) {
                continue;
            }
            JsonNode candidates = json.readTree(frame.json()).path(BotFrames.DECISION).path("candidates");
            if (candidates.isArray() && !candidates.isEmpty()) {
                return categoryOf.apply(candidates.get(0).path("articleId").asString());
            }
        }
        return null;
    }

    private BotState readState(String stored) {
        try {
            return json.readValue(stored, BotState.class);
        } catch (JacksonException e) {
            log.warn("Ignoring an unreadable bot state: {}", e.getMessage());
            return null;
        }
    }

    /**
     * What the bot would reply to a new customer's first message, stored nowhere: the editor's "Try a
     * question". The same engine and decision path as a chat; the frames as the customer would get
     * them, and the decision beside them.
     *
     * @param pageLocale the language of the page the customer would ask on ({@code de}, {@code en}), or {@code null}
     */
    Map<String, Object> preview(String text, String pageLocale) {
        BotTurn turn = engine.get().respond(null, CustomerInput.typed(text, pageLocale));
        Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("locale", turn.locale());
        preview.put("handoff", turn.escalation() == null ? null : turn.escalation().code());
        preview.put("messages", turn.messages().stream().map(message -> botFrames.frame(message, null)).toList());
        preview.put("decision", turn.decision());
        return preview;
    }

    /** What the bot tried, for the agent who takes over: the reason, the last decision and its candidates. */
    private String handoffContext(BotTurn turn, String lastText) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("reason", turn.escalation().code());
        context.put("locale", turn.locale());
        context.put("lastCustomerText", lastText);
        context.put("decision", turn.decision());
        return json.writeValueAsString(context);
    }
}

package io.lotse.web.chat;

import io.lotse.bot.BotEngine;
import io.lotse.bot.BotMessage;
import io.lotse.bot.BotState;
import io.lotse.bot.BotTurn;
import io.lotse.bot.CustomerInput;
import io.lotse.bot.EscalationReason;
import io.lotse.handoff.AppendResult;
import io.lotse.handoff.ConversationClosedException;
import io.lotse.handoff.ConversationStatus;
import io.lotse.handoff.Frame;
import io.lotse.handoff.Handoff;
import io.lotse.handoff.TurnContext;
import io.lotse.handoff.TurnResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>A bot's turn is two round trips to Redis: one read of what the bot needs, then one script that
 * stores the message, the bot's frames and its state together, only if nothing came meanwhile (else
 * the bot answers anew from what is there now). Once the conversation is queued or with an agent,
 * the message is only stored: the agent reads it, and the bot stays silent.
 */
final class ChatService {

    private static final Logger log = LoggerFactory.getLogger(ChatService.class);
    /** How often a turn is answered anew when frames came while the bot was answering (from another node). */
    private static final int TURN_ATTEMPTS = 3;
    /** How far back a handoff looks for the question the conversation is about. */
    private static final int RECENT_FRAMES = 12;
    /** The payload of the quick reply that asks for a person. */
    private static final String HUMAN = "human";

    /**
     * The turns of one conversation on this node take place one after the other (two tabs, say), so
     * that a turn stored meanwhile on this node never makes the bot answer anew; one lock per stripe
     * of conversations.
     */
    private final Lock[] turns = new Lock[1024];
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
        Arrays.setAll(turns, i -> new ReentrantLock());
    }

    /**
     * Stores and answers one customer message. A repeated client id stores nothing; it is answered
     * only if the bot never answered it (its node stopped first).
     *
     * @return the frames stored for the customer now, when that is all that was stored; else empty
     *     (the frames are read from the store)
     */
    Optional<List<Frame>> onCustomerMessage(String conversationId, String clientId, String text, String payload,
            String pageLocale) {
        return oneAtATime(conversationId, () -> takeTurn(conversationId, clientId, text, payload, pageLocale));
    }

    private <T> T oneAtATime(String conversationId, Supplier<T> turn) {
        Lock lock = turns[Math.floorMod(conversationId.hashCode(), turns.length)];
        lock.lock();
        try {
            return turn.get();
        } finally {
            lock.unlock();
        }
    }

    private Optional<List<Frame>> takeTurn(String conversationId, String clientId, String text, String payload,
            String pageLocale) {
        for (int attempt = 1; attempt <= TURN_ATTEMPTS; attempt++) {
            TurnContext context = handoff.turnContext(conversationId, clientId);
            if (context.status() == ConversationStatus.CLOSED) {
                throw new ConversationClosedException(conversationId);
            }
            if (context.storedSeq() > 0) {
                // The client sent it again (it did not see it stored): answered only if the bot never did.
                if (context.storedUnanswered()) {
                    answerStored(conversationId, context, text, payload, pageLocale);
                }
                return Optional.empty();
            }
            if (context.status() != ConversationStatus.BOT) {
                store(conversationId, clientId, text, payload, context.status());
                return Optional.empty();
            }
            BotTurn turn = engine.get().respond(state(context), new CustomerInput(text, payload, pageLocale));
            TurnResult stored = handoff.answer(conversationId, context, clientId, text, json.writeValueAsString(turn.state()),
                    frames(turn));
            if (stored.stored()) {
                meters.replied(turn);
                escalate(conversationId, turn, text);
                return turn.escalation() == null ? Optional.of(stored.frames()) : Optional.empty();
            }
            // Something came meanwhile (another message of the conversation, a handoff): read again and answer anew.
            log.debug("Turn of {} not stored ({}), attempt {}", conversationId, stored.outcome(), attempt);
        }
        // Still no quiet moment: the message is stored alone, and answered when the customer comes back.
        handoff.appendCustomerMessage(conversationId, clientId, text);
        return Optional.empty();
    }

    /** A message while the bot does not have the conversation: only stored, for the agent. */
    private void store(String conversationId, String clientId, String text, String payload, ConversationStatus status) {
        AppendResult stored = handoff.appendCustomerMessage(conversationId, clientId, text);
        if (!stored.duplicate() && status == ConversationStatus.PENDING && HUMAN.equals(payload)) {
            // Asked for a person again while nobody was there: maybe somebody is now.
            handoff.requestAgent(conversationId, EscalationReason.CUSTOMER_REQUEST.code(), null, null);
        }
    }

    /**
     * Answers the conversation's last customer message if the bot never did (its node stopped
     * between storing and answering it): for a customer who comes back.
     *
     * @return whether the bot answered now
     */
    boolean answerUnanswered(String conversationId, String pageLocale) {
        return oneAtATime(conversationId, () -> {
            Optional<Frame> unanswered = handoff.unanswered(conversationId);
            if (unanswered.isEmpty()) {
                return false;
            }
            TurnContext context = handoff.turnContext(conversationId, null);
            return answerStored(conversationId, new TurnContext(context.status(), context.locale(), context.botState(),
                    context.frames(), unanswered.get().seq(), context.answeredSeq()), textOf(unanswered.get()), null,
                    pageLocale);
        });
    }

    /** The bot's turn for a customer message stored before, stored unless that message was answered meanwhile. */
    private boolean answerStored(String conversationId, TurnContext context, String text, String payload, String pageLocale) {
        if (!context.storedUnanswered()) {
            return false;
        }
        BotTurn turn = engine.get().respond(state(context), new CustomerInput(text, payload, pageLocale));
        TurnResult stored = handoff.answerStored(conversationId, context.storedSeq(), json.writeValueAsString(turn.state()),
                frames(turn));
        if (!stored.stored()) {
            // Answered by another connection (or node) first, from the same state.
            return false;
        }
        meters.replied(turn);
        escalate(conversationId, turn, text);
        return true;
    }

    private BotState state(TurnContext context) {
        BotState state = context.botState() == null ? null : readState(context.botState());
        return state != null ? state : BotState.initial(context.locale());
    }

    /** The turn's bot frames; the decision rides on the first: agents and editors see why, customers never do. */
    private List<Map<String, Object>> frames(BotTurn turn) {
        List<Map<String, Object>> frames = new ArrayList<>(turn.messages().size());
        Object decision = turn.decision();
        for (BotMessage message : turn.messages()) {
            frames.add(botFrames.frame(message, decision));
            decision = null;
        }
        return frames;
    }

    private void escalate(String conversationId, BotTurn turn, String text) {
        if (turn.escalation() != null) {
            handoff.requestAgent(conversationId, turn.escalation().code(), handoffContext(turn, text),
                    category(conversationId, turn));
        }
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

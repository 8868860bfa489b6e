package io.lotse.web.chat;

import io.lettuce.core.RedisException;
import io.lotse.handoff.Conversation;
import io.lotse.handoff.ConversationNotFoundException;
import io.lotse.handoff.ConversationStatus;
import io.lotse.handoff.Customer;
import io.lotse.handoff.Frame;
import io.lotse.handoff.ConversationClosedException;
import io.lotse.handoff.Handoff;
import io.lotse.handoff.InvalidRatingException;
import io.lotse.handoff.MessageLeftException;
import io.lotse.handoff.NotWaitingException;
import io.lotse.knowledge.Language;
import io.lotse.web.LotseProperties;
import io.lotse.web.identity.CustomerIdentity;
import io.lotse.web.identity.IdentityVerifier;
import io.lotse.web.identity.InvalidIdentityException;
import io.lotse.web.privacy.PaymentData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.MultiValueMap;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.ConcurrentWebSocketSessionDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The customer chat WebSocket at {@code /ws/chat}: starts or resumes a conversation, checks every
 * frame the client sends, and hands messages to the {@link ChatService}.
 *
 * <p>Every input is checked before anything is stored; a bad frame gets an {@code error} frame and
 * changes nothing. Only a bad token closes the connection.
 */
final class ChatWebSocketHandler extends TextWebSocketHandler {

    private static final Logger log = LoggerFactory.getLogger(ChatWebSocketHandler.class);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t]]");
    private static final int MAX_ID = 100;
    private static final int MAX_PAYLOAD = 200;
    private static final int MAX_EMAIL = 254;
    /** The error code of a node that has no room for another customer or question right now. */
    private static final String BUSY = "busy";
    /** An address with one @, something before it and a dot in the domain; the rest is for the mail server to judge. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]{1,64}@[^@\\s<>\"]+\\.[^@\\s<>\"]{2,}");

    private final Handoff handoff;
    private final ChatService chat;
    private final ChatConnections connections;
    private final ConversationTokens tokens;
    private final JsonMapper json;
    private final LotseProperties.Chat settings;
    private final IdentityVerifier identities;
    private final ChatLimits limits;
    private final ChatCapacity capacity;

    ChatWebSocketHandler(Handoff handoff, ChatService chat, ChatConnections connections, ConversationTokens tokens,
            JsonMapper json, LotseProperties.Chat settings, IdentityVerifier identities, ChatLimits limits, ChatCapacity capacity) {
        this.identities = identities;
        this.limits = limits;
        this.capacity = capacity;
        this.handoff = handoff;
        this.chat = chat;
        this.connections = connections;
        this.tokens = tokens;
        this.json = json;
        this.settings = settings;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession rawSession) {
        WebSocketSession session = new ConcurrentWebSocketSessionDecorator(rawSession, 10_000, 512 * 1024);
        if (!capacity.admit(rawSession)) {
            sendQuietly(session, error(BUSY, "Too many customers at the moment. Please try again shortly.", null));
            closeQuietly(session, CloseStatus.SERVICE_OVERLOAD.withReason(BUSY));
            return;
        }
        try {
            open(rawSession, session);
        } catch (RedisException e) {
            // Not the query: the token in it lets whoever reads the log resume the conversation.
            log.warn("Redis is not reachable for a new chat connection: {}", e.getMessage());
            connections.remove(rawSession.getId());
            sendQuietly(session, error("unavailable",
                    "We cannot reach our service right now. Please connect again in a moment.", null));
            closeQuietly(session, CloseStatus.SERVICE_OVERLOAD.withReason("unavailable"));
        } catch (IOException e) {
            log.debug("Chat connection {} went away while it opened: {}", rawSession.getId(), e.toString());
            connections.remove(rawSession.getId());
        } catch (RuntimeException e) {
            // Logged here, by session id: Spring's own log line names the session by its address, token and all.
            log.error("Chat connection {} could not be opened", rawSession.getId(), e);
            connections.remove(rawSession.getId());
            closeQuietly(session, CloseStatus.SERVER_ERROR);
        }
    }

    private void sendQuietly(WebSocketSession session, Map<String, Object> frame) {
        try {
            send(session, frame);
        } catch (IOException | RuntimeException e) {
            log.debug("Could not send to chat connection {}: {}", session.getId(), e.toString());
        }
    }

    /**
     * Every frame, with whatever escapes its handling caught here: an exception that reached Spring
     * would be logged with the session's address, the customer's token in it.
     */
    @Override
    public void handleMessage(WebSocketSession session, WebSocketMessage<?> message) {
        try {
            super.handleMessage(session, message);
        } catch (ConversationNotFoundException e) {
            // Erased while the customer wrote: the socket is closed for it anyway.
            closeQuietly(session, CloseStatus.POLICY_VIOLATION.withReason("conversation_erased"));
        } catch (Exception e) {
            log.error("Chat connection {} failed on a frame", session.getId(), e);
            closeQuietly(session, CloseStatus.SERVER_ERROR);
        }
    }

    private static void closeQuietly(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException | RuntimeException e) {
            log.debug("Could not close chat connection {}: {}", session.getId(), e.toString());
        }
    }

    /** Starts or resumes the conversation, welcomes the customer and sends what they have not seen. */
    private void open(WebSocketSession rawSession, WebSocketSession session) throws IOException {
        MultiValueMap<String, String> query = UriComponentsBuilder.fromUri(rawSession.getUri()).build(true).getQueryParams();
        String lang = pageLanguage(first(query, "lang"));
        String token = first(query, "token");
        Conversation conversation;
        boolean resumed = token != null;
        if (resumed) {
            Optional<Conversation> found = tokens.verify(token).flatMap(handoff::find);
            if (found.isEmpty()) {
                send(session, error("invalid_token", "This conversation token is not valid. Start a new conversation without a token.", null));
                session.close(CloseStatus.POLICY_VIOLATION.withReason("invalid_token"));
                return;
            }
            conversation = found.get();
        } else {
            if (!limits.allowNewConversation(clientAddress(rawSession))) {
                send(session, error("rate_limited", "Too many new conversations from your address. Please wait a minute.", null));
                session.close(CloseStatus.POLICY_VIOLATION.withReason("rate_limited"));
                return;
            }
            conversation = handoff.start(lang);
        }
        // An `after` beyond the last frame (a client's bug, or its store of another conversation) must
        // not hold back the frames to come.
        long after = resumed ? Math.min(parseAfter(first(query, "after")), handoff.lastSeq(conversation.id())) : 0;
        Map<String, Object> welcome = new LinkedHashMap<>();
        welcome.put("type", "welcome");
        welcome.put("conversationId", conversation.id());
        welcome.put("token", tokens.issue(conversation.id()));
        welcome.put("status", conversation.status().code());
        welcome.put("locale", conversation.locale());
        welcome.put("resumed", resumed);
        welcome.put("maxLength", settings.maxMessageLength());
        send(session, welcome);
        identify(session, conversation.id(), first(query, "identity"));
        ChatConnection connection = new ChatConnection(session, conversation.id(), lang, after);
        rawSession.getAttributes().put(ChatConnection.class.getName(), connection);
        connections.add(connection);
        connections.deliverOrThrow(connection);
        if (resumed && chat.answerUnanswered(conversation.id(), lang)) {
            connections.deliverAll(conversation.id());
        }
        if (conversation.status() == ConversationStatus.QUEUED) {
            // The place it was last told may be old: a customer who comes back is told anew.
            connection.waiting(true, 0);
            connections.tellPosition(connection);
        }
    }

    /**
     * Records who the customer is when the site passed a signed identity; one that does not verify
     * gets an error frame, and the chat goes on anonymously.
     */
    private void identify(WebSocketSession session, String conversationId, String token) throws IOException {
        if (token == null || token.isBlank()) {
            return;
        }
        try {
            CustomerIdentity who = identities.verify(token);
            handoff.identify(conversationId, new Customer(who.id(), who.name(), who.email(),
                    who.tier() == null ? null : who.tier().name()));
        } catch (InvalidIdentityException e) {
            log.debug("Identity refused: {}", e.getMessage());
            send(session, error("invalid_identity", "The identity the site passed could not be verified; the chat goes on anonymously.", null));
        }
    }

    @Override
    protected void handleTextMessage(WebSocketSession rawSession, TextMessage message) throws Exception {
        ChatConnection connection = connections.get(rawSession.getId());
        if (connection == null) {
            return;
        }
        WebSocketSession session = sessionOf(rawSession, connection);
        JsonNode frame;
        try {
            frame = json.readTree(message.getPayload());
        } catch (JacksonException e) {
            frame = null;
        }
        if (frame == null || !frame.isObject()) {
            send(session, error("invalid_json", "A frame must be a JSON object with a type.", null));
            return;
        }
        String type = frame.path("type").isString() ? frame.get("type").asString() : "";
        try {
            switch (type) {
                case "message" -> onMessage(session, connection, frame);
                case "rating" -> onRating(session, connection, frame);
                case "contact" -> onContact(session, connection, frame);
                case "cancel_handoff" -> onCancel(session, connection);
                case "typing" -> onTyping(connection);
                case "ping" -> send(session, Map.of("type", "pong"));
                default -> send(session, error("unknown_type",
                        "Unknown frame type; send message, contact, cancel_handoff, typing, rating or ping.", null));
            }
        } catch (RedisException e) {
            log.warn("Redis is not reachable: {}", e.getMessage());
            send(session, error("unavailable",
                    "We cannot reach our service right now. Your message was not saved; please send it again in a moment.",
                    textOrNull(frame, "id")));
        }
    }

    private void onMessage(WebSocketSession session, ChatConnection connection, JsonNode frame) throws IOException {
        String id = textOrNull(frame, "id");
        String text = textOrNull(frame, "text");
        if (id == null || id.isBlank() || id.length() > MAX_ID || text == null) {
            send(session, error("invalid_message", "A message needs an id (1 to 100 characters) and a text.", id));
            return;
        }
        text = CONTROL.matcher(text).replaceAll("").strip();
        if (text.isEmpty()) {
            send(session, error("invalid_message", "A message needs a text.", id));
            return;
        }
        if (text.length() > settings.maxMessageLength()) {
            send(session, error("message_too_long",
                    "A message may have at most " + settings.maxMessageLength() + " characters.", id));
            return;
        }
        // Card numbers and IBANs are masked before anything stores, logs, indexes or answers the text.
        text = PaymentData.mask(text);
        JsonNode payloadNode = frame.get("payload");
        String payload = null;
        if (payloadNode != null && !payloadNode.isNull()) {
            if (!payloadNode.isString() || payloadNode.asString().length() > MAX_PAYLOAD) {
                send(session, error("invalid_message", "payload must be a short string.", id));
                return;
            }
            payload = payloadNode.asString();
        }
        if (!limits.allowMessage(connection.conversationId())) {
            send(session, error("rate_limited", "You are sending messages too fast. Please wait a moment.", id));
            return;
        }
        if (!startQuestion()) {
            send(session, error(BUSY, "Too many questions at the moment. Your message was not saved; please send it again shortly.", id));
            return;
        }
        Optional<List<Frame>> stored;
        try {
            stored = chat.onCustomerMessage(connection.conversationId(), id, text, payload, connection.locale());
        } catch (ConversationClosedException e) {
            send(session, error("conversation_closed", "This conversation has ended. Start a new one to ask something else.", id));
            return;
        } finally {
            capacity.questionDone();
        }
        if (stored.isPresent()) {
            connections.deliverStored(connection.conversationId(), stored.get());
        } else {
            connections.deliverAll(connection.conversationId());
        }
    }

    private void onRating(WebSocketSession session, ChatConnection connection, JsonNode frame) throws IOException {
        JsonNode score = frame.get("score");
        if (score == null || !score.isIntegralNumber() || score.asInt() < 1 || score.asInt() > 5) {
            send(session, error("invalid_rating", "A rating is a whole number from 1 to 5.", null));
            return;
        }
        try {
            handoff.rate(connection.conversationId(), score.asInt());
        } catch (InvalidRatingException e) {
            send(session, error("invalid_rating", "This conversation cannot be rated (now): " + e.getMessage(), null));
            return;
        }
        connections.deliverAll(connection.conversationId());
    }

    /** A message left for the agents while nobody could take the chat: an address to answer to and the text. */
    private void onContact(WebSocketSession session, ChatConnection connection, JsonNode frame) throws IOException {
        String id = textOrNull(frame, "id");
        String email = textOrNull(frame, "email");
        String text = textOrNull(frame, "text");
        if (id == null || id.isBlank() || id.length() > MAX_ID) {
            send(session, error("invalid_contact", "A contact needs an id (1 to 100 characters).", id));
            return;
        }
        email = email == null ? "" : email.strip();
        if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            send(session, error("invalid_contact", "Please give a valid e-mail address (name@example.com).", id));
            return;
        }
        text = text == null ? "" : CONTROL.matcher(text).replaceAll("").strip();
        if (text.isEmpty()) {
            send(session, error("invalid_contact", "Please write what we can help with.", id));
            return;
        }
        if (text.length() > settings.maxMessageLength()) {
            send(session, error("message_too_long",
                    "A message may have at most " + settings.maxMessageLength() + " characters.", id));
            return;
        }
        text = PaymentData.mask(text);
        if (!limits.allowMessage(connection.conversationId())) {
            send(session, error("rate_limited", "You are sending messages too fast. Please wait a moment.", id));
            return;
        }
        try {
            handoff.contact(connection.conversationId(), id, email, text);
        } catch (NotWaitingException e) {
            send(session, error("not_waiting", "A message for the team can be left only while waiting for a person.", id));
            return;
        }
        connections.deliverAll(connection.conversationId());
    }

    /** The customer stops waiting for a person and goes back to the bot. */
    private void onCancel(WebSocketSession session, ChatConnection connection) throws IOException {
        try {
            handoff.cancel(connection.conversationId());
        } catch (NotWaitingException e) {
            send(session, error("not_waiting", "You are not waiting for a person.", null));
            return;
        } catch (MessageLeftException e) {
            send(session, error("message_left",
                    "Your message stays with our team, who will answer by e-mail. Start a new chat to ask the assistant.", null));
            return;
        }
        connections.deliverAll(connection.conversationId());
    }

    /** Shown to the agent who has the conversation; a burst counts once a second. */
    private void onTyping(ChatConnection connection) {
        if (connection.allowTyping(System.nanoTime())) {
            handoff.typing(connection.conversationId(), "customer");
        }
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        connections.remove(session.getId());
        capacity.release(session);
    }

    /** A place for one more question, after waiting a moment if need be; {@code false} when there is none. */
    private boolean startQuestion() {
        try {
            return capacity.startQuestion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Chat connection {} failed: {}", session.getId(), exception.toString());
    }

    /**
     * The client's address, as the web server sees it: behind a proxy, the proxy's, unless Spring's
     * {@code server.forward-headers-strategy} makes it take {@code X-Forwarded-For} (or
     * {@code Forwarded}) from a proxy it trusts.
     */
    static String clientAddress(WebSocketSession session) {
        InetSocketAddress remote = session.getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private static WebSocketSession sessionOf(WebSocketSession raw, ChatConnection connection) {
        return connection.session();
    }

    private void send(WebSocketSession session, Map<String, Object> frame) throws IOException {
        session.sendMessage(new TextMessage(json.writeValueAsString(frame)));
    }

    private static Map<String, Object> error(String code, String message, String ref) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("type", "error");
        error.put("code", code);
        error.put("message", message);
        if (ref != null) {
            error.put("ref", ref);
        }
        return error;
    }

    private static String textOrNull(JsonNode frame, String field) {
        JsonNode node = frame.get(field);
        return node != null && node.isString() ? node.asString() : null;
    }

    private static String first(MultiValueMap<String, String> query, String name) {
        String value = query.getFirst(name);
        if (value == null) {
            return null;
        }
        return org.springframework.web.util.UriUtils.decode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long parseAfter(String after) {
        if (after == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(after));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * {@code de} or {@code en} for the {@code lang} parameter; anything else is English. Read as the
     * widget reads a page's language (widget.js {@code pickLang}): its first two letters, so
     * {@code lang=deu} is German here although {@link Language#of} would not take it.
     */
    static String pageLanguage(String lang) {
        String code = lang == null ? "" : lang.strip();
        return Language.orEnglish(code.length() > 2 ? code.substring(0, 2) : code).tag();
    }
}

package io.lotse.web.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI 3 description of the agent, editor and admin APIs at {@code /v3/api-docs}, open to
 * anyone: it is the public contract of an open-source product and tells nothing a caller could not
 * learn from the protocol document.
 *
 * <p>springdoc reads the operations from the controllers ({@code /api/**} only, see
 * {@code springdoc.paths-to-match}); this adds what the code does not say: who may call what (the
 * tags, one per area, name the role), the two ways to sign in, and the error body, described once
 * and referred to by every operation with the answers it can give.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    static final String ERROR = "Error";
    private static final String BASIC = "basic";
    private static final String SESSION = "session";

    static {
        // A note is answered as the stored frame (JSON of the protocol's shape) and the console's events
        // as a stream of server-sent events: neither has a class springdoc could describe.
        SpringDocUtils.getConfig().replaceWithSchema(JsonNode.class, new ObjectSchema())
                .replaceWithSchema(SseEmitter.class, new StringSchema().description("Server-sent events"));
    }

    /** The tag of each area, by path prefix; the longest prefix that fits wins. */
    private static final Map<String, Tag> TAGS = tags();

    @Bean
    OpenAPI lotseOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Lotse API").version("3")
                        .description("""
                                The HTTP APIs of Lotse, a support chatbot with human handoff: agents work the \
                                queue and their conversations, editors maintain the articles, administrators \
                                watch the team. Sign in with HTTP Basic (scripts) or the pages' login session \
                                (which needs the CSRF header for changes). Every error is JSON with a stable \
                                `code` and a human `message`. The customer chat is a WebSocket at `/ws/chat`, \
                                described with everything else in docs/protocol.md of the project."""))
                .components(new Components()
                        .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                                .description("A user of `chatbot.users.*` with its password."))
                        .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                                .description("The session of the login page (`POST /login`). A POST, PUT or DELETE "
                                        + "with it also needs the header `X-XSRF-TOKEN` with the value of the "
                                        + "`XSRF-TOKEN` cookie.")))
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(SESSION))
                .tags(TAGS.values().stream().distinct().toList());
    }

    /** Tags each operation by its path and adds the errors it can answer, all with the one error body. */
    @Bean
    OpenApiCustomizer lotseOperations() {
        return openApi -> {
            // Added here, not to the bean above: springdoc puts the schemas it finds in place of the bean's.
            openApi.getComponents().addSchemas(ERROR, errorSchema());
            if (openApi.getPaths() == null) {
                return;
            }
            Set<String> operationIds = new HashSet<>();
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                Tag tag = tagOf(path);
                if (tag != null) {
                    operation.setTags(List.of(tag.getName()));
                }
                if (tag != null && operation.getOperationId() != null) {
                    String id = operationId(tag, operation.getOperationId());
                    if (operationIds.add(id)) {
                        operation.setOperationId(id);
                    }
                }
                addErrors(path, method, operation);
            }));
        };
    }

    /**
     * The operation's id, its area and its method's name ({@code conversationsClaim}): springdoc's own
     * are the bare method names, numbered in the order it finds them ({@code delete_1}), which may
     * change from one build to the next and would rename generated clients' methods.
     */
    static String operationId(Tag tag, String springdocId) {
        StringBuilder id = new StringBuilder();
        for (String word : tag.getName().split(" ")) {
            id.append(id.isEmpty() ? word.toLowerCase(Locale.ROOT) : capitalized(word));
        }
        int area = id.length();
        if (springdocId.length() > area && springdocId.startsWith(id.toString()) && Character.isUpperCase(springdocId.charAt(area))) {
            return springdocId;
        }
        return id.append(capitalized(springdocId.replaceFirst("_\\d+$", ""))).toString();
    }

    private static String capitalized(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    static Tag tagOf(String path) {
        String best = null;
        for (String prefix : TAGS.keySet()) {
            if ((path.equals(prefix) || path.startsWith(prefix + "/")) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return best == null ? null : TAGS.get(best);
    }

    private static void addErrors(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        boolean hasInput = operation.getRequestBody() != null || (operation.getParameters() != null
                && operation.getParameters().stream().anyMatch(parameter -> "query".equals(parameter.getIn())));
        if (hasInput) {
            responses.putIfAbsent("400", error("The request is not valid: `invalid_request`, `invalid_json`, "
                    + "`message_too_long`, `invalid_article` (with `problems`), `unknown_team`, …"));
        }
        responses.putIfAbsent("401", error("Not signed in, or a wrong password: `unauthorized`."));
        responses.putIfAbsent("403", error("The account lacks the role (`forbidden`), the CSRF header is missing "
                + "(`csrf`), or the conversation is another agent's (`not_your_conversation`)."));
        if (path.contains("{")) {
            responses.putIfAbsent("404", error("Nothing has that id: `conversation_not_found`, `article_not_found`, "
                    + "`reply_not_found`, …"));
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT) {
            responses.putIfAbsent("409", error("The change does not fit the current state: `already_claimed`, "
                    + "`conversation_closed`, `not_queued`, `agent_unavailable`, `article_exists`, `reply_exists`, …"));
        }
        responses.putIfAbsent("503", error("Redis cannot be reached; nothing was changed: `unavailable`."));
        operation.setResponses(responses);
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType("application/json",
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ERROR))));
    }

    private static Schema<?> errorSchema() {
        Schema<?> problem = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The field, such as `title`"))
                .addProperty("message", new StringSchema().description("What is wrong with it"));
        return new ObjectSchema().description("The body of every error answer.")
                .addProperty("code", new StringSchema().description("Stable and machine-readable, such as `conversation_not_found`"))
                .addProperty("message", new StringSchema().description("For people; may change"))
                .addProperty("problems", new ArraySchema().items(problem)
                        .description("Only with `invalid_article`: every problem, field by field"))
                .required(List.of("code", "message"));
    }

    private static Map<String, Tag> tags() {
        Tag conversations = tag("Conversations", "Role AGENT (or ADMIN): the queue, claiming, the transcript with the "
                + "bot's part, replies, internal notes, typing, transfer and closing.");
        Tag presence = tag("Presence", "Role AGENT: going online, away or offline, the list of agents, and the "
                + "console's event stream (server-sent events).");
        Tag replies = tag("Canned replies", "Role AGENT: the team's canned replies.");
        Tag articles = tag("Articles", "Role EDITOR: the knowledge base's articles, searchable the moment they are "
                + "saved. Agents search them too (role AGENT), to link one in a reply.");
        Tag preview = tag("Bot preview", "Role EDITOR: what the bot would reply to a new customer, and why.");
        Tag admin = tag("Administration", "Role ADMIN: the team's presence, load and queues, and administering "
                + "conversations.");
        Tag account = tag("Account", "Any signed-in user: who they are and their roles.");
        Map<String, Tag> tags = new LinkedHashMap<>();
        tags.put("/api/agent/queue", conversations);
        tags.put("/api/agent/conversations", conversations);
        tags.put("/api/agent/presence", presence);
        tags.put("/api/agent/agents", presence);
        tags.put("/api/agent/events", presence);
        tags.put("/api/agent/replies", replies);
        tags.put("/api/agent/articles", articles);
        tags.put("/api/articles", articles);
        tags.put("/api/bot", preview);
        tags.put("/api/admin", admin);
        tags.put("/api/me", account);
        return Collections.unmodifiableMap(tags);
    }

    private static Tag tag(String name, String description) {
        return new Tag().name(name).description(description);
    }
}

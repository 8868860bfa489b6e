package io.lotse.web.system;

import io.lettuce.core.RedisException;
import io.lotse.handoff.AgentUnavailableException;
import io.lotse.handoff.AlreadyClaimedException;
import io.lotse.handoff.ConversationClosedException;
import io.lotse.handoff.ConversationNotFoundException;
import io.lotse.handoff.NotQueuedException;
import io.lotse.handoff.NotWaitingException;
import io.lotse.handoff.NotYourConversationException;
import io.lotse.handoff.UnknownTargetException;
import io.lotse.knowledge.ArticleConflictException;
import io.lotse.knowledge.ArticleNotFoundException;
import io.lotse.knowledge.ArticleValidationException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.springframework.web.util.DisconnectedClientHelper;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns every exception that reaches a controller's edge into the product's error JSON. */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ApiError> api(ApiException e) {
        return ApiError.of(e.status(), e.code(), e.getMessage());
    }

    @ExceptionHandler(ArticleValidationException.class)
    ResponseEntity<ApiError> invalidArticle(ArticleValidationException e) {
        var problems = e.problems().stream().map(p -> new ApiError.Problem(p.field(), p.message())).toList();
        return ResponseEntity.badRequest().body(new ApiError("invalid_article", "The article is not valid: " + e.getMessage(), problems));
    }

    @ExceptionHandler(ArticleNotFoundException.class)
    ResponseEntity<ApiError> articleNotFound(ArticleNotFoundException e) {
        return ApiError.of(HttpStatus.NOT_FOUND, "article_not_found", e.getMessage());
    }

    @ExceptionHandler(ArticleConflictException.class)
    ResponseEntity<ApiError> articleExists(ArticleConflictException e) {
        return ApiError.of(HttpStatus.CONFLICT, "article_exists", e.getMessage());
    }

    @ExceptionHandler(ConversationNotFoundException.class)
    ResponseEntity<ApiError> conversationNotFound(ConversationNotFoundException e) {
        return ApiError.of(HttpStatus.NOT_FOUND, "conversation_not_found", "There is no conversation with that id.");
    }

    @ExceptionHandler(AlreadyClaimedException.class)
    ResponseEntity<ApiError> alreadyClaimed(AlreadyClaimedException e) {
        return ApiError.of(HttpStatus.CONFLICT, "already_claimed", "Another agent has taken this conversation.");
    }

    @ExceptionHandler(NotQueuedException.class)
    ResponseEntity<ApiError> notQueued(NotQueuedException e) {
        return ApiError.of(HttpStatus.CONFLICT, "not_queued", e.getMessage());
    }

    @ExceptionHandler(NotYourConversationException.class)
    ResponseEntity<ApiError> notYours(NotYourConversationException e) {
        return ApiError.of(HttpStatus.FORBIDDEN, "not_your_conversation", "This conversation is assigned to another agent.");
    }

    @ExceptionHandler(UnknownTargetException.class)
    ResponseEntity<ApiError> unknownTarget(UnknownTargetException e) {
        return ApiError.of(HttpStatus.BAD_REQUEST, "unknown_" + e.kind(), e.getMessage());
    }

    @ExceptionHandler(AgentUnavailableException.class)
    ResponseEntity<ApiError> agentUnavailable(AgentUnavailableException e) {
        return ApiError.of(HttpStatus.CONFLICT, "agent_unavailable", "That agent is not online or has no room for another conversation.");
    }

    @ExceptionHandler(NotWaitingException.class)
    ResponseEntity<ApiError> notWaiting(NotWaitingException e) {
        return ApiError.of(HttpStatus.CONFLICT, "not_waiting", e.getMessage());
    }

    @ExceptionHandler(ConversationClosedException.class)
    ResponseEntity<ApiError> closed(ConversationClosedException e) {
        return ApiError.of(HttpStatus.CONFLICT, "conversation_closed", "This conversation has ended.");
    }

    /**
     * A body that could not be read: too large (413), a field of the wrong type or unknown (400
     * {@code invalid_request}, naming the field), or not JSON at all, duplicate keys included (400
     * {@code invalid_json}).
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof PayloadTooLargeException) && !(cause instanceof MismatchedInputException)) {
            cause = cause.getCause();
        }
        if (cause instanceof PayloadTooLargeException tooLarge) {
            return tooLarge(tooLarge);
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return ApiError.of(HttpStatus.BAD_REQUEST, "invalid_request", "Unknown field '" + unknown.getPropertyName() + "'.");
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String field = mismatch.getPath().stream().map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
            return ApiError.of(HttpStatus.BAD_REQUEST, "invalid_request",
                    field == null ? "The body does not have the expected shape." : "Field '" + field + "' has the wrong type.");
        }
        return ApiError.of(HttpStatus.BAD_REQUEST, "invalid_json", "The request body is not valid JSON of the expected shape.");
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ApiError> tooLarge(PayloadTooLargeException e) {
        return ApiError.of(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", e.getMessage());
    }

    /** A request record that failed Bean Validation: {@code message_too_long} for a text over the limit, else {@code invalid_request}. */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e) {
        FieldError error = e.getBindingResult().getFieldError();
        if (error == null) {
            return ApiError.of(HttpStatus.BAD_REQUEST, "invalid_request", "The body is not valid.");
        }
        String code = MessageLength.class.getSimpleName().equals(error.getCode()) ? "message_too_long" : "invalid_request";
        return ApiError.of(HttpStatus.BAD_REQUEST, code, error.getField() + ": " + error.getDefaultMessage());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ApiError> badParameter(Exception e) {
        return ApiError.of(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return ApiError.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send Content-Type: application/json.");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ApiError.of(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "This answers in application/json only.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return ApiError.of(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", e.getMessage());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noResource(NoResourceFoundException e) {
        return ApiError.of(HttpStatus.NOT_FOUND, "not_found", "Nothing is here.");
    }

    @ExceptionHandler(RedisException.class)
    ResponseEntity<ApiError> redis(RedisException e) {
        log.warn("Redis is not reachable: {}", e.getMessage());
        return ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "The shared store cannot be reached right now; nothing was changed. Try again shortly.");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ApiError> illegalArgument(IllegalArgumentException e) {
        return ApiError.of(HttpStatus.BAD_REQUEST, "invalid_request", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request) {
        if (DisconnectedClientHelper.isClientDisconnectedException(e)) {
            // A client went away, e.g. an agent console closed its event stream: nothing to answer, nobody to tell.
            log.debug("Client went away during {} {}: {}", request.getMethod(), request.getRequestURI(), e.toString());
            return null;
        }
        log.error("Unexpected error", e);
        return ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on our side.");
    }
}

package io.lotse.web.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of every error answer: a stable {@code code}, a human {@code message} and, for invalid
 * articles, the {@code problems} field by field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String message, List<Problem> problems) {

    /** One field's problem. */
    public record Problem(String field, String message) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * The error for an HTTP status that no handler explained: the container's own refusals and
     * unknown paths; unknown statuses count as 500.
     */
    public static ApiError forStatus(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        if (known == null) {
            return new ApiError("internal_error", "Something went wrong on our side.", null);
        }
        return switch (known) {
            case NOT_FOUND -> new ApiError("not_found", "Nothing is here.", null);
            case PAYLOAD_TOO_LARGE -> new ApiError("payload_too_large", "The request body is too large.", null);
            case UNAUTHORIZED -> new ApiError("unauthorized", "Sign in first.", null);
            case FORBIDDEN -> new ApiError("forbidden", "You may not do this.", null);
            case METHOD_NOT_ALLOWED -> new ApiError("method_not_allowed", "This method is not allowed here.", null);
            default -> known.is4xxClientError()
                    ? new ApiError("invalid_request", "The request was refused: " + known.getReasonPhrase() + ".", null)
                    : new ApiError("internal_error", "Something went wrong on our side.", null);
        };
    }

    public static ResponseEntity<ApiError> of(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(new ApiError(code, message, null));
    }

    /** Writes the error straight to a response, where Spring MVC's exception handling does not reach (filters, the security chain). */
    public static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(new ApiError(code, message, null)));
    }
}

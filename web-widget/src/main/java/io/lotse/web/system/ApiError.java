package io.lotse.web.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The body of every error answer: a stable {@code code}, a human {@code message} and, for invalid
 * articles, the {@code problems} field by field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String code, String message, List<Problem> problems) {

    /** One field's problem. */
    public record Problem(String field, String message) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static ResponseEntity<ApiError> of(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(new ApiError(code, message, null));
    }

    /** Writes the error straight to a response, where Spring MVC's exception handling does not reach (filters). */
    public static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(new ApiError(code, message, null)));
    }
}

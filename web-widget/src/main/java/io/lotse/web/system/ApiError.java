package io.lotse.web.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
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

    public static ResponseEntity<ApiError> of(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(new ApiError(code, message, null));
    }
}

package io.lotse.web.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Answers errors that happen outside a controller (unknown paths, the container) with the product's error JSON. */
@RestController
class JsonErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status.value() == 413) {
            return ApiError.of(status, "payload_too_large", "The request body is too large.");
        }
        return switch (status) {
            case NOT_FOUND -> ApiError.of(status, "not_found", "Nothing is here.");
            case UNAUTHORIZED -> ApiError.of(status, "unauthorized", "Sign in first.");
            case FORBIDDEN -> ApiError.of(status, "forbidden", "You may not do this.");
            case METHOD_NOT_ALLOWED -> ApiError.of(status, "method_not_allowed", "This method is not allowed here.");
            default -> status.is4xxClientError()
                    ? ApiError.of(status, "invalid_request", status.getReasonPhrase())
                    : ApiError.of(status, "internal_error", "Something went wrong on our side.");
        };
    }
}

package io.lotse.web.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.web.util.HtmlUtils;

/**
 * A failed form login: back to the login page with its error, as usual; while the user is locked out
 * ({@link TooManyAttemptsException}), a page of its own with status 429 that says for how long, since
 * Spring Security's login page shows one message for every failure.
 */
final class FormLoginFailure implements AuthenticationFailureHandler {

    private final AuthenticationFailureHandler usual = new SimpleUrlAuthenticationFailureHandler("/login?error");

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, ServletException {
        if (!(e instanceof TooManyAttemptsException tooMany)) {
            usual.onAuthenticationFailure(request, response, e);
            return;
        }
        response.setStatus(429);
        response.setHeader("Retry-After", tooMany.retryAfterSeconds());
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("""
                <!DOCTYPE html>
                <html lang="en">
                <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Too many failed sign-ins</title><link href="/default-ui.css" rel="stylesheet"></head>
                <body><div class="content"><div class="login-form">
                <h2>Please sign in</h2>
                <div class="alert alert-danger" role="alert">%s</div>
                <p><a href="/login">Back to the sign-in page</a></p>
                </div></div></body>
                </html>
                """.formatted(HtmlUtils.htmlEscape(tooMany.getMessage())));
    }
}

package io.lotse.web.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/** Writes the product's error JSON where Spring MVC's exception handling does not reach (the security filters). */
final class JsonErrorWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonErrorWriter() {}

    static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(java.util.Map.of("code", code, "message", message)));
    }
}

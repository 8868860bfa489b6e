package io.lotse.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Pattern;
import org.springframework.security.web.header.HeaderWriter;

/**
 * The Content-Security-Policy of every answer: scripts, styles, fonts and images from this origin only
 * (images also as {@code data:}, never from other sites), connections to this origin and its own
 * WebSocket, no plug-ins, no framing, forms posting here only.
 *
 * <p>No inline script or style is allowed, so the product's pages keep theirs in files. The widget's
 * own stylesheet is a constructed one, which this policy does not govern. {@code widget.js} on other
 * sites runs under their policy, not this one.
 *
 * <p>{@code connect-src} names {@code ws://} and {@code wss://} of the host the request was made to,
 * since older browsers do not count them as {@code 'self'}; a host that is not a plain host name
 * (with an optional port) is left out rather than written into the header.
 */
final class ContentSecurityPolicy implements HeaderWriter {

    static final String HEADER = "Content-Security-Policy";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final String BEFORE_CONNECT = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; connect-src 'self'";

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        if (!response.containsHeader(HEADER)) {
            response.setHeader(HEADER, policy(request.getServerName(), request.getServerPort()));
        }
    }

    static String policy(String host, int port) {
        if (host == null || !HOST.matcher(host).matches()) {
            return BEFORE_CONNECT;
        }
        String authority = host + (port > 0 && port != 80 && port != 443 ? ":" + port : "");
        return BEFORE_CONNECT + " ws://" + authority + " wss://" + authority;
    }
}

package io.lotse.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentSecurityPolicyTests {

    @Test
    void connectSrcNamesTheWebSocketOfTheHostAskedFor() {
        assertThat(ContentSecurityPolicy.policy("support.example.com", 443))
                .endsWith("connect-src 'self' ws://support.example.com wss://support.example.com");
        assertThat(ContentSecurityPolicy.policy("localhost", 8080)).endsWith("connect-src 'self' ws://localhost:8080 wss://localhost:8080");
        assertThat(ContentSecurityPolicy.policy("[::1]", 8080)).endsWith("ws://[::1]:8080 wss://[::1]:8080");
    }

    @Test
    void aHostThatIsNotAPlainNameIsNotWrittenIntoThePolicy() {
        for (String host : new String[] {"evil.example; script-src *", "a b", "x\r\nSet-Cookie: y", "", null}) {
            assertThat(ContentSecurityPolicy.policy(host, 80)).endsWith("connect-src 'self'").doesNotContain("evil").doesNotContain("script-src *");
        }
    }

    @Test
    void noInlineScriptOrStyleAndNoOutsideImages() {
        assertThat(ContentSecurityPolicy.policy("localhost", 80))
                .contains("script-src 'self';", "style-src 'self';", "img-src 'self' data:;", "frame-ancestors 'none'", "object-src 'none'")
                .doesNotContain("unsafe");
    }
}

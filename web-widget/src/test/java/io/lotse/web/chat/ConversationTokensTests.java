package io.lotse.web.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConversationTokensTests {

    private final ConversationTokens tokens = new ConversationTokens("a secret of enough length".getBytes(StandardCharsets.UTF_8));

    @Test
    void aTokenProvesItsConversation() {
        String token = tokens.issue("conv-1");
        assertThat(token).startsWith("conv-1.");
        assertThat(tokens.verify(token)).hasValue("conv-1");
    }

    @Test
    void anythingElseProvesNothing() {
        String token = tokens.issue("conv-1");
        String signature = token.substring(token.indexOf('.') + 1);
        assertThat(tokens.verify("conv-2." + signature)).isEmpty();
        assertThat(tokens.verify(token + "A")).isEmpty();
        assertThat(tokens.verify("conv-1")).isEmpty();
        assertThat(tokens.verify("conv-1.")).isEmpty();
        assertThat(tokens.verify(".abc")).isEmpty();
        assertThat(tokens.verify(null)).isEmpty();
        assertThat(tokens.verify("x".repeat(500))).isEmpty();
        ConversationTokens otherInstallation = new ConversationTokens("another secret, long enough".getBytes(StandardCharsets.UTF_8));
        assertThat(otherInstallation.verify(token)).isEmpty();
    }

    @Test
    void aShortSecretIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ConversationTokens(new byte[8]));
    }
}

package io.lotse.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.lotse.web.LotseProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

class UsersTests {

    @Test
    void withoutConfigurationAnAgentAndAnEditorAreGenerated() {
        Users users = Users.from(Map.of());
        assertThat(users.generatedAccounts()).extracting(Users.Account::name).containsExactlyInAnyOrder("agent", "editor");
        assertThat(users.generatedAccounts()).allSatisfy(a -> assertThat(a.generatedPassword()).hasSizeGreaterThanOrEqualTo(16));
    }

    @Test
    void configuredUsersGetTheirRolesAndDisplayNames() {
        Users users = Users.from(Map.of(
                "anna", new LotseProperties.User("{noop}pw", "agent", "Anna M."),
                "root", new LotseProperties.User("{bcrypt}$2a$10$abcdefghijklmnopqrstuv", "ADMIN", null)));
        assertThat(users.generatedAccounts()).isEmpty();
        assertThat(users.displayName("anna")).isEqualTo("Anna M.");
        assertThat(users.displayName("root")).isEqualTo("Root");
        assertThat(users.details()).filteredOn(d -> d.getUsername().equals("root")).singleElement()
                .satisfies(d -> assertThat(d.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                        .containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_AGENT", "ROLE_EDITOR"));
    }

    @Test
    void misconfigurationStopsTheStartWithTheProperty() {
        assertThatIllegalStateException().isThrownBy(() -> Users.from(Map.of("x", new LotseProperties.User("plain", "AGENT", null))))
                .withMessageContaining("chatbot.users.x.password");
        assertThatIllegalStateException().isThrownBy(() -> Users.from(Map.of("x", new LotseProperties.User("{noop}p", "BOSS", null))))
                .withMessageContaining("BOSS");
        assertThatIllegalStateException().isThrownBy(() -> Users.from(Map.of("x", new LotseProperties.User("{noop}p", null, null))))
                .withMessageContaining("roles");
    }
}

package io.lotse.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.lotse.web.LotseProperties;
import java.util.List;
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
                "anna", new LotseProperties.User("{noop}pw", "agent", "Anna M.", null, null),
                "root", new LotseProperties.User("{bcrypt}$2a$10$abcdefghijklmnopqrstuv", "ADMIN", null, null, null)));
        assertThat(users.generatedAccounts()).isEmpty();
        assertThat(users.displayName("anna")).isEqualTo("Anna M.");
        assertThat(users.displayName("root")).isEqualTo("Root");
        assertThat(users.details()).filteredOn(d -> d.getUsername().equals("root")).singleElement()
                .satisfies(d -> assertThat(d.getAuthorities()).extracting(GrantedAuthority::getAuthority)
                        .containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_AGENT", "ROLE_EDITOR"));
    }

    @Test
    void misconfigurationStopsTheStartWithTheProperty() {
        assertThatIllegalStateException().isThrownBy(() -> Users.from(Map.of("x", new LotseProperties.User("plain", "AGENT", null, null, null))))
                .withMessageContaining("chatbot.users.x.password");
        assertThatIllegalStateException().isThrownBy(() -> Users.from(Map.of("x", new LotseProperties.User("{noop}p", "BOSS", null, null, null))))
                .withMessageContaining("BOSS");
        assertThatIllegalStateException().isThrownBy(() -> Users.from(Map.of("x", new LotseProperties.User("{noop}p", null, null, null, null))))
                .withMessageContaining("roles");
    }

    @Test
    void agentsHaveTeamsAndACapacity() {
        Users users = Users.from(Map.of(
                "anna", new LotseProperties.User("{noop}pw", "AGENT", "Anna M.", " Billing, tech-2 ,,billing ", 5),
                "bo", new LotseProperties.User("{noop}pw", "AGENT", null, null, null),
                "root", new LotseProperties.User("{noop}pw", "ADMIN", null, "", 1),
                "erik", new LotseProperties.User("{noop}pw", "EDITOR", null, null, null)));
        assertThat(users.teams("anna")).containsExactly("Billing", "tech-2");
        assertThat(users.isInTeam("anna", "BILLING")).isTrue();
        assertThat(users.isInTeam("anna", "sales")).isFalse();
        assertThat(users.isInTeam("anna", null)).isFalse();
        assertThat(users.teams("bo")).isEmpty();
        assertThat(users.capacity("anna")).isEqualTo(5);
        assertThat(users.capacity("bo")).isEqualTo(Users.DEFAULT_CAPACITY).isEqualTo(3);
        assertThat(users.capacity("nobody")).isEqualTo(3);
        assertThat(users.teams("nobody")).isEmpty();
        assertThat(users.agents()).containsExactly(
                new Users.Agent("anna", "Anna M.", List.of("Billing", "tech-2"), 5),
                new Users.Agent("bo", "Bo", List.of(), 3),
                new Users.Agent("root", "Root", List.of(), 1));
    }

    @Test
    void generatedUsersMakeOneGeneralAgent() {
        assertThat(Users.from(Map.of()).agents()).containsExactly(new Users.Agent("agent", "Agent", List.of(), 3));
    }

    @Test
    void aBadTeamOrCapacityStopsTheStartWithTheProperty() {
        assertThatIllegalStateException().isThrownBy(() -> Users.from(Map.of("x", new LotseProperties.User("{noop}p", "AGENT", null, null, 0))))
                .withMessageContaining("chatbot.users.x.capacity").withMessageContaining("at least 1");
        assertThatIllegalStateException().isThrownBy(() -> Users.from(Map.of("x", new LotseProperties.User("{noop}p", "AGENT", null, "sales eu", null))))
                .withMessageContaining("chatbot.users.x.teams").withMessageContaining("'sales eu'");
        assertThatIllegalStateException().isThrownBy(() -> Users.from(Map.of("x", new LotseProperties.User("{noop}p", "AGENT", null, "t".repeat(41), null))))
                .withMessageContaining("chatbot.users.x.teams");
    }
}

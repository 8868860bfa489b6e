package io.lotse.web.security;

import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Tells the console pages who is signed in. */
@RestController
class MeController {

    private final Users users;

    MeController(Users users) {
        this.users = users;
    }

    @GetMapping("/api/me")
    Map<String, Object> me(Authentication authentication) {
        List<String> roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .map(a -> a.startsWith("ROLE_") ? a.substring(5) : a)
                .sorted()
                .toList();
        String name = authentication.getName();
        return Map.of("name", name, "displayName", users.displayName(name), "roles", roles);
    }
}

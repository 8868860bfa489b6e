package io.lotse.web.security;

import io.lotse.web.LotseProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what: customers are anonymous (the widget, the chat WebSocket, the demo page, the help
 * pages of the articles), agents and
 * editors sign in with a form (the pages) or HTTP Basic (the APIs).
 *
 * <p>API calls never get a login page or a Basic prompt: a missing or wrong login is a JSON 401, a
 * missing role a JSON 403. Session-based POSTs need the CSRF token from the {@code XSRF-TOKEN}
 * cookie; calls that carry their own {@code Authorization} header do not, since no browser sends
 * one on its own for a form login.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final RequestMatcher API = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    private static final RequestMatcher CARRIES_CREDENTIALS = request -> request.getHeader("Authorization") != null;

    @Bean
    Users users(LotseProperties properties) {
        Users users = Users.from(properties.users());
        users.generatedAccounts().forEach(account -> log.warn(
                "No users configured (chatbot.users.*): generated user '{}' with password '{}' (role {}). "
                        + "It is shown only now and changes at every start.",
                account.name(), account.generatedPassword(), account.details().getAuthorities()));
        properties.handoff().teams().keySet().stream()
                .filter(team -> users.agents().stream().noneMatch(agent -> users.isInTeam(agent.name(), team)))
                .forEach(team -> log.warn("No agent is in team '{}' of chatbot.handoff.teams (chatbot.users.<name>.teams): "
                        + "questions of its categories find no one of the team.", team));
        return users;
    }

    /** Checks passwords, and remembers a verified login for a few minutes so that HTTP Basic calls skip the hash. */
    @Bean
    AuthenticationProvider authenticationProvider(Users users) {
        return new VerifiedCredentials(new DaoAuthenticationProvider(new InMemoryUserDetailsManager(users.details())));
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint apiEntryPoint = (request, response, e) ->
                JsonErrorWriter.write(response, 401, "unauthorized", "Sign in first: HTTP Basic or the console's login.");
        AccessDeniedHandler apiDenied = (request, response, e) -> {
            if (isCsrfProblem(request, e)) {
                JsonErrorWriter.write(response, 403, "csrf", "Send the X-XSRF-TOKEN header with the value of the XSRF-TOKEN cookie.");
            } else {
                JsonErrorWriter.write(response, 403, "forbidden", "Your account does not have the role for this.");
            }
        };
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/agent/**", "/agent", "/agent.html", "/agent.js").hasRole("AGENT")
                        .requestMatchers("/api/articles/**", "/api/articles", "/api/bot/**", "/editor", "/editor.html", "/editor.js").hasRole("EDITOR")
                        .requestMatchers("/api/admin/**", "/team", "/team.html", "/team.js").hasRole("ADMIN")
                        .requestMatchers("/help/**").permitAll()
                        .requestMatchers("/api/me").authenticated()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .formLogin(form -> form.permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(apiEntryPoint))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .csrf(csrf -> csrf.spa().ignoringRequestMatchers(CARRIES_CREDENTIALS))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(apiEntryPoint, API)
                        .defaultAccessDeniedHandlerFor(apiDenied, API)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true));
        return http.build();
    }

    private static boolean isCsrfProblem(HttpServletRequest request, Exception e) {
        return e instanceof org.springframework.security.web.csrf.CsrfException;
    }
}

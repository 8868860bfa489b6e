package io.lotse.web.security;

import io.lotse.web.LotseProperties;
import io.lotse.web.redis.RedisConnections;
import io.lotse.web.system.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may do what: customers are anonymous (the widget, the chat WebSocket, the demo page, the help
 * pages of the articles), agents and
 * editors sign in with a form (the pages) or HTTP Basic (the APIs).
 *
 * <p>API calls never get a login page or a Basic prompt: a missing or wrong login is a JSON 401, a
 * missing role a JSON 403. Session-based POSTs need the CSRF token from the {@code XSRF-TOKEN}
 * cookie; calls signed in with HTTP Basic do not, since no browser sends that header on its own for
 * a form login (and a wrong one is refused before anything runs). Any other {@code Authorization}
 * header changes nothing: with a session cookie, such a call needs the token too.
 *
 * <p>Repeated failed sign-ins of one user from one address are refused for a while
 * ({@link LoginAttempts}): 429 {@code too_many_attempts} for HTTP Basic, a 429 page that says so for
 * the form ({@link FormLoginFailure}). Every answer carries a {@link ContentSecurityPolicy} and a strict Referrer-Policy.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    /** The APIs and the actuator's endpoints: never a login page, always JSON. */
    private static final RequestMatcher API = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/")
            || request.getRequestURI().startsWith(request.getContextPath() + "/actuator/");
    /** The requests HTTP Basic authenticates: a wrong Basic login never gets past its filter. */
    private static final RequestMatcher BASIC_AUTHENTICATION = request -> {
        String authorization = request.getHeader("Authorization");
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    };

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

    /**
     * Checks passwords, and remembers a verified login for a few minutes so that HTTP Basic calls skip
     * the hash; behind the sign-in lock-out ({@link ThrottledAuthentication}), the one way in. Not a
     * bean: Spring Security would build a second way in around one.
     */
    private static AuthenticationProvider passwords(UserDetailsService users) {
        return new VerifiedCredentials(new DaoAuthenticationProvider(users));
    }

    /** The users who may sign in; a bean, so that Spring Boot does not add a generated user of its own. */
    @Bean
    UserDetailsService userDetailsService(Users users) {
        return new InMemoryUserDetailsManager(users.details());
    }

    @Bean
    LoginAttempts loginAttempts(RedisConnections redis, LotseProperties properties) {
        return new LoginAttempts(redis, properties.redis().keyPrefix(), properties.security().loginAttempts(),
                properties.security().loginLockout());
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, UserDetailsService users, LoginAttempts attempts,
            ObjectProvider<AuthenticationEventPublisher> events) throws Exception {
        AuthenticationEntryPoint apiEntryPoint = (request, response, e) -> {
            if (e instanceof TooManyAttemptsException tooMany) {
                response.setHeader("Retry-After", tooMany.retryAfterSeconds());
                ApiError.write(response, 429, "too_many_attempts", tooMany.getMessage());
            } else {
                ApiError.write(response, 401, "unauthorized", "Sign in first: HTTP Basic or the console's login.");
            }
        };
        AccessDeniedHandler apiDenied = (request, response, e) -> {
            if (isCsrfProblem(request, e)) {
                ApiError.write(response, 403, "csrf", "Send the X-XSRF-TOKEN header with the value of the XSRF-TOKEN cookie.");
            } else {
                ApiError.write(response, 403, "forbidden", "Your account does not have the role for this.");
            }
        };
        http.authorizeHttpRequests(auth -> auth
                        .requestMatchers("/api/agent/**", "/agent", "/agent.html", "/agent.js").hasRole("AGENT")
                        .requestMatchers("/api/articles/**", "/api/articles", "/api/bot/**", "/editor", "/editor.html", "/editor.js").hasRole("EDITOR")
                        .requestMatchers("/api/admin/**", "/team", "/team.html", "/team.js").hasRole("ADMIN")
                        .requestMatchers("/actuator/prometheus/**", "/actuator/metrics/**").hasRole("ADMIN")
                        .requestMatchers("/v3/api-docs/**").permitAll()
                        .requestMatchers("/help/**").permitAll()
                        .requestMatchers("/api/me").authenticated()
                        .requestMatchers("/api/**").authenticated()
                        .anyRequest().permitAll())
                .authenticationManager(ThrottledAuthentication.manager(passwords(users), attempts, events.getIfAvailable()))
                .formLogin(form -> form.permitAll().failureHandler(new FormLoginFailure()))
                .httpBasic(basic -> basic.authenticationEntryPoint(apiEntryPoint))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .csrf(csrf -> csrf.spa().csrfTokenRepository(sameSiteCsrfCookie()).ignoringRequestMatchers(BASIC_AUTHENTICATION))
                .headers(headers -> headers
                        .addHeaderWriter(new ContentSecurityPolicy())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .exceptionHandling(ex -> ex
                        .defaultAuthenticationEntryPointFor(apiEntryPoint, API)
                        .defaultAccessDeniedHandlerFor(apiDenied, API)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true));
        return http.build();
    }

    private static CookieCsrfTokenRepository sameSiteCsrfCookie() {
        CookieCsrfTokenRepository cookie = CookieCsrfTokenRepository.withHttpOnlyFalse();
        cookie.setCookieCustomizer(c -> c.sameSite("Lax"));
        return cookie;
    }

    private static boolean isCsrfProblem(HttpServletRequest request, Exception e) {
        return e instanceof org.springframework.security.web.csrf.CsrfException;
    }
}

package io.lotse.web.security;

import io.lotse.web.system.ApiError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request Spring Security's firewall refuses (a path with {@code ..}, {@code //}, an encoded
 * {@code /} or {@code %}, a null or other forbidden character) gets 400 {@code invalid_request} as
 * JSON, instead of the 500 of an exception no one handles.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequests {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

    @Bean
    RequestRejectedHandler jsonRequestRejectedHandler() {
        return (request, response, e) -> {
            log.debug("Request refused by the firewall: {}", e.getMessage());
            ApiError.write(response, 400, "invalid_request", "This address or request is not allowed.");
        };
    }
}

package io.lotse.handoff;

/**
 * Who the customer is, as the site vouched for it with a signed identity.
 *
 * @param id the site's own id of the customer ({@code sub})
 * @param name the name, or {@code null}
 * @param email the e-mail address, or {@code null}
 * @param tier {@code A}, {@code B} or {@code C} (A first), or {@code null}
 */
public record Customer(String id, String name, String email, String tier) {}

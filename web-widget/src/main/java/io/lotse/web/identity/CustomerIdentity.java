package io.lotse.web.identity;

import java.util.Objects;

/**
 * Who a customer is, as the site vouched for it with a signed identity that {@link IdentityVerifier} accepted.
 *
 * <p>{@link #toString()} shows only the id and the tier, so that logging an identity does not log
 * a customer's name and e-mail address.
 *
 * @param id the {@code sub} claim: the site's id of the customer, never blank
 * @param name the {@code name} claim, or {@code null}
 * @param email the {@code email} claim, or {@code null}
 * @param tier the {@code tier} claim, or {@code null}: served like an anonymous customer (see {@link Tier#rankOf})
 */
public record CustomerIdentity(String id, String name, String email, Tier tier) {

    public CustomerIdentity {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
    }

    /** 0 for tier A … 3 without a tier: lower is served first. */
    public int rank() {
        return Tier.rankOf(tier);
    }

    @Override
    public String toString() {
        return "CustomerIdentity[id=" + id + ", tier=" + tier + "]";
    }
}

package io.lotse.web.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * A customer's service tier from the {@code tier} claim of a signed identity: {@code A} is served
 * first, then {@code B}, then {@code C} and the anonymous alike.
 *
 * <p>A customer without a tier (anonymous, or an identity without the claim) has no {@code Tier}
 * but {@code null}; {@link #rankOf(Tier)} puts them last, at {@link #ANONYMOUS_RANK}.
 */
public enum Tier {
    A, B, C;

    /** The rank of a customer without a tier, after {@link #C}. */
    public static final int ANONYMOUS_RANK = 3;

    /** 0 for A, 1 for B, 2 for C: lower is served first. */
    public int rank() {
        return ordinal();
    }

    /** The rank of a customer's tier; {@link #ANONYMOUS_RANK} for {@code null}. */
    public static int rankOf(Tier tier) {
        return tier == null ? ANONYMOUS_RANK : tier.rank();
    }

    /**
     * The tier a text names, in either case and without surrounding blanks.
     *
     * @return empty for anything other than {@code A}, {@code B} or {@code C}, including {@code null}
     */
    public static Optional<Tier> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "A" -> Optional.of(A);
            case "B" -> Optional.of(B);
            case "C" -> Optional.of(C);
            default -> Optional.empty();
        };
    }
}

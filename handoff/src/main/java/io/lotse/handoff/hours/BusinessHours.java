package io.lotse.handoff.hours;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/** Placeholder: always open. */
public final class BusinessHours {
    public static BusinessHours always() { return new BusinessHours(); }
    public static BusinessHours parse(String spec, ZoneId zone) { return always(); }
    public boolean isOpen(Instant now) { return true; }
    public Optional<Instant> nextOpening(Instant now) { return Optional.empty(); }
    public String spec() { return "always"; }
    public ZoneId zone() { return ZoneOffset.UTC; }
}

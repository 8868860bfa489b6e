package io.lotse.handoff.hours;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * When agents are at work, as configured by {@code chatbot.handoff.business-hours} in the zone of
 * {@code chatbot.handoff.time-zone}, for example {@code MON-FRI 08:00-18:00; SAT 10:00-14:00}.
 *
 * <p>Times are wall-clock times in the zone: on a day the clocks change, a period keeps its local
 * times and so lasts an hour more or less; a period that starts in the hour the clocks skip opens
 * when they have skipped it. Each period includes its start and excludes its end ({@code 18:00} is
 * closed), and {@code 24:00} as an end means the end of the day. A period cannot run past midnight:
 * write {@code FRI 22:00-24:00; SAT 00:00-02:00} instead. Day ranges may wrap the week
 * ({@code FRI-MON}); periods may overlap. Absent, blank or {@code always} means always open.
 *
 * <p>Grammar: periods separated by {@code ;} or {@code ,}, each {@code [DAYS] HH:MM-HH:MM}, where
 * DAYS is a day ({@code MON} … {@code SUN}, or the full English name, any case) or a range of two
 * joined by {@code -}; without DAYS a period holds every day. A mistake is an
 * {@link IllegalArgumentException} whose message starts with {@code chatbot.handoff.business-hours:}.
 * Instances are immutable and thread-safe.
 */
public final class BusinessHours {

    private static final String PROPERTY = "chatbot.handoff.business-hours";
    private static final String ALWAYS = "always";
    private static final Pattern PERIOD = Pattern.compile(
            "(?:(?<days>[A-Za-z]+(?:\\s*-\\s*[A-Za-z]+)?)\\s+)?(?<from>\\d{1,2}:\\d{2})\\s*-\\s*(?<to>\\d{1,2}:\\d{2})");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final int END_OF_DAY = 24 * 60;

    /** One period: on these days, from {@code from} (minute of day, inclusive) to {@code to} (exclusive, up to 1440). */
    private record Period(Set<DayOfWeek> days, String daysText, int from, int to) {

        boolean contains(DayOfWeek day, int secondOfDay) {
            return days.contains(day) && secondOfDay >= from * 60 && secondOfDay < to * 60;
        }

        @Override
        public String toString() {
            String times = clock(from) + "-" + clock(to);
            return daysText == null ? times : daysText + " " + times;
        }
    }

    private final List<Period> periods;
    private final ZoneId zone;

    private BusinessHours(List<Period> periods, ZoneId zone) {
        this.periods = List.copyOf(periods);
        this.zone = zone;
    }

    /** Always open, in UTC. */
    public static BusinessHours always() {
        return new BusinessHours(List.of(), ZoneOffset.UTC);
    }

    /**
     * Reads business hours such as {@code MON-FRI 08:00-18:00; SAT 10:00-14:00}.
     *
     * @param spec the setting; {@code null}, blank or {@code always} (any case): always open
     * @param zone the zone whose wall clock the times are read in
     * @throws IllegalArgumentException naming the property and the part that is wrong
     */
    public static BusinessHours parse(String spec, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        if (spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase(ALWAYS)) {
            return new BusinessHours(List.of(), zone);
        }
        List<Period> periods = new ArrayList<>();
        for (String part : spec.split("[;,]", -1)) {
            String text = part.strip();
            if (text.isEmpty()) {
                throw new IllegalArgumentException(PROPERTY + ": an empty period in '" + spec.strip()
                        + "' (separate periods by ; or , once)");
            }
            periods.add(period(text));
        }
        return new BusinessHours(periods, zone);
    }

    private static Period period(String text) {
        Matcher matcher = PERIOD.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(PROPERTY + ": '" + text
                    + "' is not a period such as MON-FRI 08:00-18:00 (days, a space, then from-to)");
        }
        int from = minutes(text, matcher.group("from"), false);
        int to = minutes(text, matcher.group("to"), true);
        if (to <= from) {
            throw new IllegalArgumentException(PROPERTY + ": '" + text + "' ends before it starts; a period cannot run"
                    + " past midnight (write e.g. FRI 22:00-24:00; SAT 00:00-02:00)");
        }
        String days = matcher.group("days");
        if (days == null) {
            return new Period(EnumSet.allOf(DayOfWeek.class), null, from, to);
        }
        String[] ends = days.split("\\s*-\\s*");
        DayOfWeek first = day(text, ends[0]);
        DayOfWeek last = ends.length == 1 ? first : day(text, ends[1]);
        Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
        for (DayOfWeek day = first; ; day = day.plus(1)) {
            set.add(day);
            if (day == last) {
                break;
            }
        }
        String daysText = first == last ? abbreviation(first) : abbreviation(first) + "-" + abbreviation(last);
        return new Period(set, daysText, from, to);
    }

    private static int minutes(String text, String time, boolean end) {
        Matcher matcher = TIME.matcher(time);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(PROPERTY + ": '" + time + "' in '" + text + "' is not a time HH:MM");
        }
        int hours = Integer.parseInt(matcher.group(1));
        int minutes = Integer.parseInt(matcher.group(2));
        int total = hours * 60 + minutes;
        if (minutes > 59 || hours > 24 || total > END_OF_DAY || (total == END_OF_DAY && !end)) {
            throw new IllegalArgumentException(PROPERTY + ": '" + time + "' in '" + text
                    + "' is not a time of day (00:00 to 23:59, and 24:00 as an end)");
        }
        return total;
    }

    private static DayOfWeek day(String text, String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(upper) || abbreviation(day).equals(upper)) {
                return day;
            }
        }
        throw new IllegalArgumentException(PROPERTY + ": unknown day '" + name + "' in '" + text
                + "' (use MON, TUE, WED, THU, FRI, SAT, SUN)");
    }

    private static String abbreviation(DayOfWeek day) {
        return day.name().substring(0, 3);
    }

    private static String clock(int minuteOfDay) {
        return String.format(Locale.ROOT, "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }

    /** Whether this is open all the time. */
    public boolean isAlways() {
        return periods.isEmpty();
    }

    /** Whether agents are at work at {@code now}. */
    public boolean isOpen(Instant now) {
        if (periods.isEmpty()) {
            return true;
        }
        ZonedDateTime local = now.atZone(zone);
        DayOfWeek day = local.getDayOfWeek();
        int second = local.toLocalTime().toSecondOfDay();
        for (Period period : periods) {
            if (period.contains(day, second)) {
                return true;
            }
        }
        return false;
    }

    /**
     * When business hours next begin after {@code now}, for telling a customer when someone is back.
     *
     * @return empty when it is open at {@code now} (nobody needs to be waited for), else the first
     *     instant after {@code now} at which {@link #isOpen} holds
     */
    public Optional<Instant> nextOpening(Instant now) {
        if (isOpen(now)) {
            return Optional.empty();
        }
        ZoneRules rules = zone.getRules();
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant best = null;
        // Eight days reach every period's next start, also the one of today's weekday next week.
        for (int offset = 0; offset <= 8 && best == null; offset++) {
            LocalDate date = today.plusDays(offset);
            for (Period period : periods) {
                if (!period.days().contains(date.getDayOfWeek())) {
                    continue;
                }
                for (Instant start : starts(rules, date.atTime(LocalTime.ofSecondOfDay(period.from() * 60L)))) {
                    if (start.isAfter(now) && isOpen(start) && (best == null || start.isBefore(best))) {
                        best = start;
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The instants at which the wall clock first shows {@code local} or later: two when the clocks go back, one else. */
    private static List<Instant> starts(ZoneRules rules, LocalDateTime local) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            // In the gap when the clocks go forward: the wall clock passes this time when it jumps.
            ZoneOffsetTransition gap = rules.getTransition(local);
            return List.of(gap.getInstant());
        }
        return offsets.stream().map(offset -> local.toInstant(offset)).toList();
    }

    /** The setting as read, normalised: for example {@code MON-FRI 08:00-18:00; SAT 10:00-14:00}, or {@code always}. */
    public String spec() {
        return periods.isEmpty() ? ALWAYS : periods.stream().map(Period::toString).collect(Collectors.joining("; "));
    }

    /** The zone whose wall clock the times are read in. */
    public ZoneId zone() {
        return zone;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BusinessHours hours && hours.spec().equals(spec()) && hours.zone.equals(zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec(), zone);
    }

    @Override
    public String toString() {
        return spec() + " (" + zone + ")";
    }
}

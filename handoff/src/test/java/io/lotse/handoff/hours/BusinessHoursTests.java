package io.lotse.handoff.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BusinessHoursTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** 2025-06-02 is a Monday. */
    private static Instant berlin(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "always", "ALWAYS", " Always "})
    void absentBlankOrAlwaysIsAlwaysOpen(String spec) {
        BusinessHours hours = BusinessHours.parse(spec, BERLIN);
        assertThat(hours.isAlways()).isTrue();
        assertThat(hours.isOpen(berlin("2025-06-01T03:00"))).isTrue();
        assertThat(hours.nextOpening(berlin("2025-06-01T03:00"))).isEmpty();
        assertThat(hours.spec()).isEqualTo("always");
        assertThat(hours.zone()).isEqualTo(BERLIN);
        assertThat(BusinessHours.parse(null, BERLIN).isAlways()).isTrue();
        assertThat(BusinessHours.always().isOpen(Instant.EPOCH)).isTrue();
        assertThat(BusinessHours.always().zone()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void weekdaysAreOpenFromTheStartAndClosedAtTheEnd() {
        BusinessHours hours = BusinessHours.parse("MON-FRI 08:00-18:00", BERLIN);
        assertThat(hours.isOpen(berlin("2025-06-02T07:59:59"))).isFalse();
        assertThat(hours.isOpen(berlin("2025-06-02T08:00"))).isTrue();
        assertThat(hours.isOpen(berlin("2025-06-02T17:59:59"))).isTrue();
        assertThat(hours.isOpen(berlin("2025-06-02T18:00"))).isFalse();
        assertThat(hours.isOpen(berlin("2025-06-06T12:00"))).as("Friday").isTrue();
        assertThat(hours.isOpen(berlin("2025-06-07T12:00"))).as("Saturday").isFalse();
        assertThat(hours.isOpen(berlin("2025-06-08T12:00"))).as("Sunday").isFalse();
        // The zone matters: 07:00 UTC is 09:00 in Berlin in summer.
        assertThat(hours.isOpen(Instant.parse("2025-06-02T07:00:00Z"))).isTrue();
        assertThat(BusinessHours.parse("MON-FRI 08:00-18:00", ZoneOffset.UTC).isOpen(Instant.parse("2025-06-02T07:00:00Z"))).isFalse();
    }

    @Test
    void nextOpeningIsTheNextStartOrEmptyWhileOpen() {
        BusinessHours hours = BusinessHours.parse("MON-FRI 08:00-18:00; SAT 10:00-14:00", BERLIN);
        assertThat(hours.nextOpening(berlin("2025-06-02T12:00"))).isEmpty();
        assertThat(hours.nextOpening(berlin("2025-06-02T06:30"))).contains(berlin("2025-06-02T08:00"));
        assertThat(hours.nextOpening(berlin("2025-06-02T18:00"))).contains(berlin("2025-06-03T08:00"));
        assertThat(hours.nextOpening(berlin("2025-06-06T18:00"))).as("Friday evening").contains(berlin("2025-06-07T10:00"));
        assertThat(hours.nextOpening(berlin("2025-06-07T14:00"))).as("Saturday afternoon").contains(berlin("2025-06-09T08:00"));
        // Only on Mondays: from Monday evening the next opening is a week later.
        assertThat(BusinessHours.parse("MON 09:00-10:00", BERLIN).nextOpening(berlin("2025-06-02T10:00")))
                .contains(berlin("2025-06-09T09:00"));
    }

    @Test
    void severalPeriodsSingleDaysAndWrappingRanges() {
        BusinessHours hours = BusinessHours.parse("mon 08:00-12:00, wednesday 13:00-17:00;FRI-MON 10:00-11:00", BERLIN);
        assertThat(hours.spec()).isEqualTo("MON 08:00-12:00; WED 13:00-17:00; FRI-MON 10:00-11:00");
        assertThat(hours.isOpen(berlin("2025-06-02T08:30"))).isTrue();
        assertThat(hours.isOpen(berlin("2025-06-03T10:30"))).as("Tuesday is not in FRI-MON").isFalse();
        assertThat(hours.isOpen(berlin("2025-06-04T14:00"))).isTrue();
        assertThat(hours.isOpen(berlin("2025-06-07T10:30"))).as("Saturday").isTrue();
        assertThat(hours.isOpen(berlin("2025-06-08T10:30"))).as("Sunday").isTrue();
        assertThat(hours.isOpen(berlin("2025-06-06T10:30"))).as("Friday").isTrue();

        BusinessHours weekend = BusinessHours.parse("SAT-SUN 09:00-13:00", BERLIN);
        assertThat(weekend.isOpen(berlin("2025-06-08T09:00"))).isTrue();
        assertThat(weekend.isOpen(berlin("2025-06-02T09:00"))).isFalse();
    }

    @Test
    void withoutDaysAPeriodHoldsEveryDayAndTwentyFourIsTheEndOfTheDay() {
        BusinessHours hours = BusinessHours.parse("20:00-24:00", BERLIN);
        assertThat(hours.spec()).isEqualTo("20:00-24:00");
        assertThat(hours.isOpen(berlin("2025-06-08T23:59:59"))).isTrue();
        assertThat(hours.isOpen(berlin("2025-06-09T00:00"))).isFalse();
        BusinessHours allDay = BusinessHours.parse("SUN 00:00-24:00; MON 0:00-8:00", BERLIN);
        assertThat(allDay.spec()).isEqualTo("SUN 00:00-24:00; MON 00:00-08:00");
        assertThat(allDay.isOpen(berlin("2025-06-08T00:00"))).isTrue();
        assertThat(allDay.isOpen(berlin("2025-06-09T00:00"))).isTrue();
        assertThat(allDay.isOpen(berlin("2025-06-09T08:00"))).isFalse();
        assertThat(allDay.nextOpening(berlin("2025-06-09T08:00"))).contains(berlin("2025-06-15T00:00"));
    }

    @Test
    void onTheDaysTheClocksChangeTheLocalTimesHold() {
        // 2025-03-30: Berlin goes from 02:00 to 03:00; 2025-10-26: from 03:00 back to 02:00.
        BusinessHours night = BusinessHours.parse("SUN 01:00-04:00", BERLIN);
        Instant springStart = berlin("2025-03-30T01:00");
        assertThat(springStart).isEqualTo(Instant.parse("2025-03-30T00:00:00Z"));
        assertThat(night.isOpen(Instant.parse("2025-03-30T01:59:59Z"))).as("03:59:59 CEST").isTrue();
        assertThat(night.isOpen(Instant.parse("2025-03-30T02:00:00Z"))).as("04:00 CEST").isFalse();
        Instant autumnStart = berlin("2025-10-26T01:00");
        assertThat(night.isOpen(autumnStart.plus(Duration.ofHours(3)).minusSeconds(1))).as("03:59:59 CET").isTrue();
        assertThat(night.isOpen(autumnStart.plus(Duration.ofHours(4)))).as("04:00 CET").isFalse();

        // A period starting in the skipped hour opens when the clocks jump, at 03:00 CEST.
        BusinessHours skipped = BusinessHours.parse("SUN 02:30-05:00", BERLIN);
        assertThat(skipped.nextOpening(Instant.parse("2025-03-29T23:00:00Z")))
                .contains(Instant.parse("2025-03-30T01:00:00Z"));
        assertThat(skipped.isOpen(Instant.parse("2025-03-30T00:59:59Z"))).isFalse();
        assertThat(skipped.isOpen(Instant.parse("2025-03-30T01:00:00Z"))).isTrue();

        // Office hours on the day after the change open at 08:00 local, not an hour off.
        BusinessHours office = BusinessHours.parse("MON-FRI 08:00-18:00", BERLIN);
        assertThat(office.nextOpening(berlin("2025-03-29T12:00"))).contains(Instant.parse("2025-03-31T06:00:00Z"));
        assertThat(office.nextOpening(berlin("2025-10-25T12:00"))).contains(Instant.parse("2025-10-27T07:00:00Z"));

        // When the clocks go back, 02:00-02:30 happens twice, and so does the period.
        BusinessHours repeated = BusinessHours.parse("SUN 02:00-02:30", BERLIN);
        Instant first = Instant.parse("2025-10-26T00:00:00Z");
        Instant second = Instant.parse("2025-10-26T01:00:00Z");
        assertThat(repeated.nextOpening(first.minusSeconds(60))).contains(first);
        assertThat(repeated.nextOpening(first.plus(Duration.ofMinutes(45)))).contains(second);
    }

    @Test
    void nonsenseIsRefusedNamingTheProblem() {
        assertRefused("MON-FRI", "'MON-FRI' is not a period");
        assertRefused("MON-FRI 8-18", "is not a period");
        assertRefused("MOX 08:00-18:00", "unknown day 'MOX'");
        assertRefused("MON-FRX 08:00-18:00", "unknown day 'FRX'");
        assertRefused("MON 18:00-08:00", "ends before it starts");
        assertRefused("MON 08:00-08:00", "ends before it starts");
        assertRefused("MON 08:00-25:00", "'25:00'");
        assertRefused("MON 08:60-09:00", "'08:60'");
        assertRefused("MON 24:00-24:00", "'24:00'");
        assertRefused("MON 08:00-12:00;; TUE 08:00-12:00", "empty period");
        assertRefused("MON 08:00-12:00;", "empty period");
        assertRefused("MON,TUE 08:00-12:00", "'MON' is not a period");
        assertRefused("MON-WED-FRI 08:00-12:00", "is not a period");
        assertThatNullPointerException().isThrownBy(() -> BusinessHours.parse("MON 08:00-12:00", null));
    }

    private static void assertRefused(String spec, String problem) {
        assertThatIllegalArgumentException().isThrownBy(() -> BusinessHours.parse(spec, BERLIN))
                .withMessageStartingWith("chatbot.handoff.business-hours: ")
                .withMessageContaining(problem);
    }

    @Test
    void equalWhenTheNormalisedSpecAndZoneAreEqual() {
        assertThat(BusinessHours.parse("mon-fri 8:00-18:00", BERLIN)).isEqualTo(BusinessHours.parse("MON-FRI 08:00-18:00", BERLIN))
                .isNotEqualTo(BusinessHours.parse("MON-FRI 08:00-18:00", ZoneOffset.UTC));
        assertThat(BusinessHours.parse("MON-FRI 08:00-18:00", BERLIN)).hasToString("MON-FRI 08:00-18:00 (Europe/Berlin)");
    }
}

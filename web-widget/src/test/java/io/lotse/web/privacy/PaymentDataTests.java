package io.lotse.web.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Card numbers and IBANs are masked wherever they stand in a message; numbers that only look alike stay. */
class PaymentDataTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            4111 1111 1111 1111                               | •••• •••• •••• 1111
            Meine Karte ist 4111111111111111, bitte prüfen     | Meine Karte ist •••• •••• •••• 1111, bitte prüfen
            5555-5555-5555-4444 was charged twice             | •••• •••• •••• 4444 was charged twice
            Amex 3782 822463 10005 declined                   | Amex •••• •••• •••• 0005 declined
            card 4012 8888 8888 1881 cvc 123                  | card •••• •••• •••• 1881 cvc 123
            card 4012 8888 8888 1881 123                      | card •••• •••• •••• 1881 123
            2223003122003222.                                 | •••• •••• •••• 3222.
            Discover 6011111111111117 and Visa 4111111111111111 | Discover •••• •••• •••• 1117 and Visa •••• •••• •••• 1111
            IBAN: DE89 3704 0044 0532 0130 00                 | IBAN: DE•• •••• •••• •••• •••• 3000
            de89370400440532013000 bitte                      | DE•• •••• •••• •••• •••• 3000 bitte
            GB82 WEST 1234 5698 7654 32                       | GB•• •••• •••• •••• •••• 5432
            FR1420041010050500013M02606                       | FR•• •••• •••• •••• •••• •••• 2606
            NL91ABNA0417164300 (Girokonto)                    | NL•• •••• •••• •••• 4300 (Girokonto)
            """)
    void masksCardNumbersAndIbans(String text, String masked) {
        assertThat(PaymentData.mask(text)).isEqualTo(masked);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Bestellnummer 4111111111111112 ist nicht angekommen",
            "Order 1000000000000008 was shipped",
            "Order #302-1234567-1234567",
            "Rechnung RE-2024-000123 vom 17.05.2024",
            "Ruf mich an: +49 151 23456789",
            "Call +44 20 7946 0958 or +1 415 555 2671",
            "Telefon 0151 2345 6789 oder 030 1234 5678",
            "from 2024-05-17 to 2024-06-01",
            "2024 05 17 2024 06 01",
            "Tracking 1Z999AA10123456784",
            "Kundennummer 12345678901234567890123",
            "DE88 3704 0044 0532 0130 00 ist falsch",
            "AB12 CDEF GHIJ",
            "version 4.1.1.1.1",
            "no digits at all"})
    void leavesNumbersThatAreNoCardOrIban(String text) {
        assertThat(PaymentData.mask(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "378282246310005", "6011111111111117", "5555555555554444"})
    void knowsTheLuhnCheck(String number) {
        assertThat(PaymentData.luhn(number)).isTrue();
        char last = number.charAt(number.length() - 1);
        assertThat(PaymentData.luhn(number.substring(0, number.length() - 1) + (char) ('0' + (last - '0' + 1) % 10))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DE89370400440532013000", "GB82WEST12345698765432", "AT611904300234573201", "CH9300762011623852957"})
    void knowsTheIbanCheck(String iban) {
        assertThat(PaymentData.mod97(iban)).isTrue();
        assertThat(PaymentData.mod97(iban.substring(0, 2) + "00" + iban.substring(4))).isFalse();
    }

    @org.junit.jupiter.api.Test
    void keepsNull() {
        assertThat(PaymentData.mask(null)).isNull();
    }
}

package io.lotse.web.privacy;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks payment card numbers and IBANs in a text, keeping their last four characters:
 * {@code 4111 1111 1111 1111} becomes {@code •••• •••• •••• 1111}, {@code DE89 3704 0044 0532 0130 00}
 * becomes {@code DE•• •••• •••• •••• •••• 3000}.
 *
 * <p>Only numbers that pass their check are masked, so order numbers, phone numbers and dates stay:
 * a card number has 13 to 19 digits, written together or in groups of 3 to 6 split by single spaces
 * or dashes, starts with 2 to 6 (the ranges of the card networks) and passes the Luhn check, and is
 * not part of a longer number or word, nor after a {@code +} (an international phone number); an
 * IBAN is a country code, two check digits and 11 to 30 letters or digits, in groups of four or
 * together, that pass the mod-97 check of ISO 13616.
 */
public final class PaymentData {

    /** The masking character; U+2022, a bullet. */
    static final char DOT = '•';

    private static final Pattern CARD = Pattern.compile(
            "(?<![\\p{L}\\p{N}+])(?:\\d{13,19}|\\d{3,6}(?:[ -]\\d{3,6}){1,5})(?![\\p{L}\\p{N}])");
    private static final Pattern IBAN = Pattern.compile(
            "(?<![\\p{L}\\p{N}])[A-Za-z]{2}\\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?(?![\\p{L}\\p{N}])");

    private PaymentData() {}

    /** The text with every card number and IBAN in it masked; {@code null} stays {@code null}. */
    public static String mask(String text) {
        if (text == null || !containsDigits(text)) {
            return text;
        }
        return replace(replace(text, IBAN, PaymentData::maskIban), CARD, PaymentData::maskCard);
    }

    private interface Masker {
        /** The masked form, or {@code null} to keep the match as it is. */
        String mask(String match);
    }

    private static String replace(String text, Pattern pattern, Masker masker) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (matcher.find()) {
            String masked = masker.mask(matcher.group());
            if (masked != null) {
                if (out == null) {
                    out = new StringBuilder(text.length());
                }
                out.append(text, last, matcher.start()).append(masked);
                last = matcher.end();
            }
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /**
     * Masks the card numbers among the digit groups of a match: the longest run of whole groups that
     * is a card number, so that a card number followed by its security code or a year is still found.
     */
    private static String maskCard(String match) {
        String[] groups = match.split("[ -]");
        int[] starts = new int[groups.length];
        for (int g = 1, at = 0; g < groups.length; g++) {
            at += groups[g - 1].length() + 1;
            starts[g] = at;
        }
        StringBuilder out = new StringBuilder(match.length());
        boolean found = false;
        int done = 0;
        for (int first = 0; first < groups.length; first++) {
            for (int last = groups.length - 1; last >= first; last--) {
                String digits = String.join("", Arrays.copyOfRange(groups, first, last + 1));
                if (isCard(digits)) {
                    String dots = String.valueOf(DOT).repeat(4);
                    out.append(match, done, starts[first]).append(dots).append(' ').append(dots).append(' ').append(dots)
                            .append(' ').append(digits, digits.length() - 4, digits.length());
                    done = starts[last] + groups[last].length();
                    found = true;
                    first = last;
                    break;
                }
            }
        }
        return found ? out.append(match, done, match.length()).toString() : null;
    }

    private static boolean isCard(String digits) {
        return digits.length() >= 13 && digits.length() <= 19 && digits.charAt(0) >= '2' && digits.charAt(0) <= '6' && luhn(digits);
    }

    private static String maskIban(String match) {
        String iban = match.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34 || !mod97(iban)) {
            return null;
        }
        StringBuilder masked = new StringBuilder().append(iban, 0, 2).append(DOT).append(DOT);
        int groups = (iban.length() - 8 + 3) / 4;
        for (int i = 0; i < groups; i++) {
            masked.append(' ').append(String.valueOf(DOT).repeat(4));
        }
        return masked.append(' ').append(iban, iban.length() - 4, iban.length()).toString();
    }

    /** The Luhn check of card numbers: every second digit from the right doubled, the sum a multiple of 10. */
    static boolean luhn(String digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (twice) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** ISO 13616: the first four characters moved to the end, letters as 10 to 35, the number mod 97 is 1. */
    static boolean mod97(String iban) {
        String moved = iban.substring(4) + iban.substring(0, 4);
        int remainder = 0;
        for (int i = 0; i < moved.length(); i++) {
            char c = moved.charAt(i);
            int value;
            if (c >= '0' && c <= '9') {
                value = c - '0';
                remainder = (remainder * 10 + value) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                value = c - 'A' + 10;
                remainder = (remainder * 100 + value) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }

    private static boolean containsDigits(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}

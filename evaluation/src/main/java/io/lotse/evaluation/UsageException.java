package io.lotse.evaluation;

/** Bad arguments or a missing or malformed input file: reported in one line, exit code 2. */
final class UsageException extends RuntimeException {

    UsageException(String message) {
        super(message);
    }
}

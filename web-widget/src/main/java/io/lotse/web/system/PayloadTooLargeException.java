package io.lotse.web.system;

import java.io.IOException;

/** A request body that grew past {@code chatbot.http.max-body} while it was read. */
class PayloadTooLargeException extends IOException {

    PayloadTooLargeException(String message) {
        super(message);
    }
}

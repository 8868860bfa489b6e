package io.lotse.web.system;

import io.lotse.web.LotseProperties;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text of at most {@code chatbot.chat.max-message-length} characters after trimming, the limit of
 * customer messages, agent replies and notes; {@code null} is valid (pair it with {@code @NotBlank}
 * where a text is required). A failure is answered 400 {@code message_too_long}. Canned replies are
 * a record of the handoff module, which cannot carry this annotation: {@code RepliesController}
 * checks them against the same setting.
 */
@Documented
@Constraint(validatedBy = MessageLength.Check.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface MessageLength {

    String message() default "is longer than chatbot.chat.max-message-length";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The check, made by Spring with the node's settings. */
    final class Check implements ConstraintValidator<MessageLength, String> {

        private final int maxLength;

        Check(LotseProperties properties) {
            this.maxLength = properties.chat().maxMessageLength();
        }

        @Override
        public boolean isValid(String text, ConstraintValidatorContext context) {
            if (text == null || text.strip().length() <= maxLength) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate("may have at most " + maxLength + " characters")
                    .addConstraintViolation();
            return false;
        }
    }
}

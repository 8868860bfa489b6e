package io.lotse.knowledge;

import java.util.List;

/**
 * An article that cannot be stored, with every problem found (field and message), so that an
 * editor or an import report can show them all at once.
 */
public class ArticleValidationException extends RuntimeException {

    /** One problem: the field ({@code title}, {@code locale}, …, or {@code file}) and what is wrong. */
    public record Problem(String field, String message) {}

    private final List<Problem> problems;

    public ArticleValidationException(List<Problem> problems) {
        super(problems.stream().map(p -> p.field() + ": " + p.message()).reduce((a, b) -> a + "; " + b).orElse("invalid article"));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}

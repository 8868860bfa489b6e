package io.lotse.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.evaluation.Figures.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

class FiguresTests {

    @Test
    void theLastLineCarriesTheFiguresAsDefined() {
        List<Outcome> outcomes = List.of(
                new Outcome("a", "a", 1_000_000), // right
                new Outcome("a", "b", 2_000_000), // wrong
                new Outcome("b", null, 3_000_000), // in scope, not answered
                new Outcome(null, null, 4_000_000), // out of scope, not answered
                new Outcome(null, "a", 5_000_000)); // out of scope, answered

        String line = Figures.of(outcomes, 12.34).line("mini");

        assertThat(line).isEqualTo("dataset=mini n=5 in_scope_accuracy=0.3333 oos_recall=0.5000 oos_precision=0.5000"
                + " wrong_answer_rate=0.4000 answer_rate=0.6000 index_s=12.3 p50_ms=3.00 p99_ms=5.00"
                + " resolved_rate=0.3333 top1_rate=0.0000");
    }

    @Test
    void resolvedCountsTheRightArticleAnsweredOrOfferedAmongAtMostThreeAndTop1TheRankedFirst() {
        List<Outcome> outcomes = List.of(
                new Outcome("a", "a", List.of(), "a", 1), // answered right, ranked first
                new Outcome("a", null, List.of("b", "a"), "b", 1), // offered by a clarify, ranked second
                new Outcome("a", null, List.of("b", "c", "d", "a"), "a", 1), // offered among four: not resolved
                new Outcome("a", "b", List.of(), "b", 1), // wrong answer
                new Outcome("a", null, List.of(), null, 1), // a handoff without a search
                new Outcome(null, null, List.of("a"), "a", 1)); // out of scope: not counted

        Figures figures = Figures.of(outcomes, 0);

        assertThat(figures.resolution()).isEqualTo("resolved_rate=0.4000 top1_rate=0.4000");
        assertThat(figures.line("mini")).endsWith(" p99_ms=0.00 resolved_rate=0.4000 top1_rate=0.4000");
        assertThat(figures.shares()).isEqualTo("in_scope_accuracy=0.2000 oos_recall=1.0000 oos_precision=0.2500"
                + " wrong_answer_rate=0.1667 answer_rate=0.3333");
    }

    @Test
    void withoutOutOfScopeQuestionsRecallAndPrecisionAreNa() {
        String line = Figures.of(List.of(new Outcome("a", "a", 1), new Outcome("a", null, 1)), 1).line("banking");

        assertThat(line).contains("in_scope_accuracy=0.5000 oos_recall=na oos_precision=na wrong_answer_rate=0.0000"
                + " answer_rate=0.5000");
        assertThat(line).endsWith(" resolved_rate=0.5000 top1_rate=0.0000");
    }
}

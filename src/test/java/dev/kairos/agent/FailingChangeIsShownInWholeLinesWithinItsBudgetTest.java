package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.event.Trust;
import dev.kairos.model.Tokens;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A fix is shown the change whose test run failed: all of it when it fits, else whole lines up to the budget and a
 * line saying where the rest is; someone else's change is fenced as data.
 */
class FailingChangeIsShownInWholeLinesWithinItsBudgetTest {
    private static final String SMALL = """
            commit abc1234: Simplify add

            diff --git a/calc.sh b/calc.sh
            -add() { echo $(( $1 + $2 )); }
            +add() { echo $(( $1 - $2 )); }
            """;

    @Test
    void aSmallChangeIsShownWhole() {
        assertThat(FailingChange.section(SMALL, "abc1234", 500, Trust.TRUSTED))
                .isEqualTo("The change whose test run failed:\n" + SMALL);
    }

    @Test
    void aLargeChangeStopsAtALineWithinTheBudget() {
        String large = "commit abc1234: Rewrite\n\n" + IntStream.range(0, 400)
                .mapToObj(i -> "+line " + i + " of the new parser, with some words on it")
                .collect(Collectors.joining("\n"));

        String shown = FailingChange.section(large, "abc1234", 300, Trust.TRUSTED);

        assertThat(Tokens.count(shown)).isLessThanOrEqualTo(300);
        assertThat(shown).startsWith("The change whose test run failed:\ncommit abc1234: Rewrite\n")
                .endsWith("\n… (cut here; `git show abc1234` prints the whole change)\n");
        String beforeCut = shown.substring(0, shown.lastIndexOf("\n…"));
        assertThat(beforeCut.substring(beforeCut.lastIndexOf('\n') + 1))
                .matches("\\+line \\d+ of the new parser, with some words on it");
    }

    @Test
    void someoneElsesChangeIsFenced() {
        String shown = FailingChange.section(SMALL, "abc1234", 500, Trust.UNTRUSTED);

        assertThat(shown).startsWith("The change whose test run failed:\n<untrusted>\ncommit abc1234")
                .endsWith("</untrusted>\n");
    }
}

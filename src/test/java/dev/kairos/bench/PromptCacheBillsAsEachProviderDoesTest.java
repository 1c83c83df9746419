package dev.kairos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.json.Json;
import dev.kairos.model.Tokens;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The bench's prompt caches split a request's input as the providers bill it: Anthropic writes only prefixes that end
 * at a breakpoint and are 1,024 tokens or more, and a later request reads the longest one it shares within 5
 * minutes; OpenAI caches every prompt of 1,024 tokens or more for free and reads shared prefixes in 128-token steps.
 */
class PromptCacheBillsAsEachProviderDoesTest {
    private static final Instant T0 = Instant.parse("2025-06-02T09:00:00Z");
    private static final String PREFIX = "stable instructions ".repeat(700);
    private static final String TASK = "the task at hand ".repeat(40);
    private static final String RESULT = "a tool's result ".repeat(30);

    @Test
    void anthropicWritesAtBreakpointsAndReadsWhatAnEarlierStepWrote() {
        PromptCache cache = new PromptCache(PromptCache.Rules.ANTHROPIC);
        PromptBlocks first = PromptBlocks.of(request(true));
        PromptCache.Use one = cache.take(first, T0);
        assertThat(one).isEqualTo(new PromptCache.Use(0, first.total())); // breakpoints on the prefix and the end

        PromptBlocks second = PromptBlocks.of(request(true, RESULT));
        PromptCache.Use two = cache.take(second, T0.plusSeconds(20));
        assertThat(two.read()).isEqualTo(first.total());
        assertThat(two.written()).isEqualTo(second.total() - first.total());

        PromptCache.Use later = cache.take(PromptBlocks.of(request(true)), T0.plus(Duration.ofMinutes(6)));
        assertThat(later).as("5 minutes without a read: gone").isEqualTo(new PromptCache.Use(0, first.total()));
    }

    @Test
    void anthropicCachesNothingWithoutABreakpointOrUnder1024Tokens() {
        PromptCache cache = new PromptCache(PromptCache.Rules.ANTHROPIC);
        assertThat(cache.take(PromptBlocks.of(request(false)), T0)).isEqualTo(new PromptCache.Use(0, 0));
        assertThat(cache.take(PromptBlocks.of(request(false)), T0.plusSeconds(1))).isEqualTo(new PromptCache.Use(0, 0));
        ObjectNode small = Json.object();
        small.putArray("system").addObject().put("type", "text").put("text", TASK).putObject("cache_control")
                .put("type", "ephemeral");
        assertThat(Tokens.count(TASK)).isLessThan(1_024);
        assertThat(cache.take(PromptBlocks.of(small), T0)).isEqualTo(new PromptCache.Use(0, 0));
    }

    @Test
    void openAiReadsSharedPrefixesIn128TokenStepsAndNeverBillsAWrite() {
        PromptCache cache = new PromptCache(PromptCache.Rules.OPENAI);
        PromptBlocks first = PromptBlocks.of(request(false));
        assertThat(cache.take(first, T0)).isEqualTo(new PromptCache.Use(0, 0));
        PromptCache.Use two = cache.take(PromptBlocks.of(request(false, RESULT)), T0.plusSeconds(20));
        long shared = first.total();
        assertThat(two.written()).isZero();
        assertThat(two.read()).isEqualTo(1_024 + (shared - 1_024) / 128 * 128).isLessThanOrEqualTo(shared);
        assertThat(cache.take(PromptBlocks.of(request(false)), T0.plus(Duration.ofMinutes(6))).read()).isZero();
    }

    /** A system prefix of over 1,024 tokens, the task, then tool results; breakpoints on the prefix and the end. */
    private static ObjectNode request(boolean breakpoints, String... results) {
        ObjectNode body = Json.object();
        ObjectNode system = body.putArray("system").addObject().put("type", "text").put("text", PREFIX);
        ArrayNode messages = body.putArray("messages");
        ObjectNode task = messages.addObject().put("role", "user").putArray("content").addObject().put("type", "text")
                .put("text", TASK);
        ObjectNode last = task;
        for (String r : results) {
            messages.addObject().put("role", "assistant").putArray("content").addObject().put("type", "text")
                    .put("text", "calling a tool");
            last = messages.addObject().put("role", "user").putArray("content").addObject().put("type", "text")
                    .put("text", r);
        }
        if (breakpoints) {
            system.putObject("cache_control").put("type", "ephemeral");
            last.putObject("cache_control").put("type", "ephemeral");
        }
        return body;
    }
}

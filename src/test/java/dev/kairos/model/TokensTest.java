package dev.kairos.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void countsWithO200kBase() {
        assertThat(Tokens.count("hello world")).isEqualTo(2);
        assertThat(Tokens.count("")).isZero();
        assertThat(Tokens.count((String) null)).isZero();
    }

    @Test
    void specialTokenMarkersAreOrdinaryText() {
        assertThat(Tokens.count("<|endoftext|>")).isGreaterThan(1);
    }

    @Test
    void requestCountCoversSystemToolsAndEveryKindOfContent() {
        ModelRequest request = Requests.withToolHistory();

        long expected = Tokens.count("You are Kairos.") + Tokens.count("Today is Tuesday.")
                + Tokens.count("read_file") + Tokens.count("Reads a file of the workspace.")
                + Tokens.count(Requests.readFile().inputSchema().toString())
                + Tokens.count("What is in notes.txt?") + Tokens.count("Let me look.")
                + Tokens.count("read_file") + Tokens.count("{\"path\":\"notes.txt\"}")
                + Tokens.count("buy milk") + Tokens.count("And summarise it.");
        assertThat(Tokens.count(request)).isEqualTo(expected);
    }

    @Test
    void countsAreTheSameFromManyThreadsAtOnce() throws Exception {
        String text = "The heartbeat sleeps when nothing is new. ".repeat(50);
        int expected = Tokens.count(text);
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Callable<Integer>> tasks = IntStream.range(0, 64).<Callable<Integer>>mapToObj(i ->
                    () -> Tokens.count(text)).toList();
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(expected);
            }
        }
    }
}

package dev.kairos.policy;

import static dev.kairos.policy.Calls.command;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.store.Store;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Before approvals were used once, a granted one ran every time its call came back. After the upgrade none of
 * those runs again, except for a task that still waits to run its call; waiting tasks keep waiting for approvals.
 */
class ApprovalsFromBeforeTheUpgradeRunNoMoreTest {
    @TempDir Path home;

    @Test
    void onlyAWaitingTaskKeepsItsUnusedYes() {
        Path file = home.resolve("state.db");
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        Flyway.configure().dataSource(source).locations("classpath:db/migration").target("4").load().migrate();
        var old = org.jdbi.v3.core.Jdbi.create(source);
        old.useHandle(h -> {
            h.execute("INSERT INTO tasks (id, kind, title, state, trust, created_at, updated_at, detail) VALUES "
                    + "(1, 'reply', 'done', 'DONE', 'UNTRUSTED', 0, 0, ''), "
                    + "(2, 'reply', 'waits', 'WAITING', 'UNTRUSTED', 0, 0, 'waiting for an approval')");
            for (Object[] row : new Object[][] {{1, 1}, {2, 2}, {3, null}}) {
                h.createUpdate("INSERT INTO approvals (id, created_at, expires_at, task_id, tool, input, reason, state,"
                                + " decided_at) VALUES (:id, 0, 9999999999999, :task, 'run_command', "
                                + "'{\"command\":\"ls\"}', 'why', 'APPROVED', 5)")
                        .bind("id", row[0]).bind("task", (Integer) row[1]).execute();
            }
        });

        Store store = Store.open(file);
        Approvals approvals = new Approvals(store.jdbi(), SettableClock.at("2026-11-25T10:00:00Z"),
                Duration.ofHours(24));
        assertThat(approvals.use(1L, command("ls"))).as("its task is done").isEmpty();
        assertThat(approvals.find(3).orElseThrow().usedAt()).as("a chat's").isNotNull();
        assertThat(approvals.use(2L, command("ls"))).as("its task still waits to run it").isPresent();
        String wait = store.jdbi().withHandle(h -> h.createQuery("SELECT wait FROM tasks WHERE id = 2")
                .mapTo(String.class).one());
        assertThat(wait).isEqualTo("APPROVAL");
    }
}

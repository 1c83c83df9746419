package dev.kairos.sense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.store.Store;
import dev.kairos.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WatchedPathsAreStoredOnceTest {
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir Path tmp;

    @Test
    void aPathIsStoredAsItsRealPathAndAddingItAgainReplacesTheTestCommand() throws Exception {
        Watches watches = new Watches(Store.open(tmp.resolve("state.db")).jdbi());
        Path real = Files.createDirectories(tmp.resolve("code/project"));
        Files.createSymbolicLink(tmp.resolve("link"), real);

        watches.add(tmp.resolve("code/../link/."), "mvn test", AT);
        watches.add(real, "./gradlew test", AT.plusSeconds(60));

        assertThat(watches.list()).containsExactly(new Watch(real.toRealPath(), Optional.of("./gradlew test")));
        watches.add(real, null, AT);
        assertThat(watches.list()).containsExactly(Watch.of(real.toRealPath()));
    }

    @Test
    void aMissingFolderOrAFileCannotBeWatched() throws Exception {
        Watches watches = new Watches(Store.open(tmp.resolve("state.db")).jdbi());
        Path file = Files.writeString(tmp.resolve("notes.txt"), "x");

        assertThatThrownBy(() -> watches.add(tmp.resolve("nope"), null, AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such folder");
        assertThatThrownBy(() -> watches.add(file, null, AT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("watch the folder it is in");
        assertThat(watches.list()).isEmpty();
    }

    @Test
    void onlyTheTopOfAWorkingTreeIsAGitRepository() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp.resolve("repo"))) {
            repo.write("sub/x.txt", "x");
            assertThat(Watches.isGitRepo(repo.dir())).isTrue();
            assertThat(Watches.isGitRepo(repo.dir().resolve("sub"))).isFalse();
        }
        assertThat(Watches.isGitRepo(Files.createDirectories(tmp.resolve("plain")))).isFalse();
        assertThat(Watches.isGitRepo(tmp.resolve("missing"))).isFalse();
    }
}

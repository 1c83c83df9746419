package dev.kairos.dream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.model.Tokens;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MEMORY.md rides in every request, so its profile is bounded however long and many the notes behind it: at most
 * three facts about the user, two in flight and two due, each at most 100 characters, and the whole profile, heading
 * included, at most 150 tokens. A fact that is due is said once, under Due, not in flight too.
 */
class TheProfileStaysWithinItsTokenBoundTest {
    private static final String[] USER = {
        "I have been learning the cello for six years and practise every evening after work at the community hall "
                + "near the river, with a teacher from the conservatory",
        "My partner Jun is a structural engineer who designs footbridges, and we share a flat with two cats called "
                + "Miso and Tofu in the old town",
        "I am allergic to penicillin and to most tree nuts, so any restaurant booking or prescription needs checking "
                + "against both of those before it is confirmed",
        "Every summer I spend three weeks hiking the coastal path in Brittany with my brother, sleeping in small "
                + "guesthouses and carrying only a light pack",
        "I prefer short answers in the morning and longer explanations in the evening when I have time to read "
                + "them properly at my desk with a coffee",
    };
    private static final String[] PROJECT = {
        "Porting the billing service from the old queue to the new event bus, with the cut-over planned after the "
                + "load tests pass on the staging cluster",
        "Writing the migration guide for the public API, covering the renamed endpoints, the pagination change and "
                + "the deprecation schedule for the old tokens",
        "Reviewing the accessibility audit of the checkout pages with the design team and turning each finding into "
                + "a ticket with an owner and a due week",
    };

    @TempDir Path home;

    @Test
    void longAndManyNotesStillMakeASmallProfile() {
        DreamFixture f = new DreamFixture(home, "2026-11-25T03:00:00Z");
        f.write("topics/user.md", "# User\n\n" + bullets(USER, "2026-11-1", "chat"));
        f.write("topics/project.md", "# Project\n\n" + bullets(PROJECT, "2026-11-2", "chat")
                + "- The launch review of the billing port with the whole platform team is on 2026-11-27 in the big "
                + "room upstairs, and everyone brings their load-test numbers (2026-11-24; chat)\n"
                + "- The accessibility fixes ship in the release of 2026-12-01, after a last pass by the design team "
                + "and a check by the screen-reader users group (2026-11-24; chat)\n"
                + "- The API migration guide goes out with the newsletter of 2026-12-03 to every customer who still "
                + "calls the old endpoints (2026-11-24; chat)\n");

        assertThat(f.dream().run(false).outcome()).isEqualTo(DreamReport.Outcome.DREAMT);

        String index = f.read("MEMORY.md");
        String profile = index.substring(index.indexOf("## Profile"), index.indexOf("## Topics"));
        assertThat(Tokens.count(profile)).as(profile).isLessThanOrEqualTo(150);
        assertThat(items(profile, "Who")).hasSizeBetween(1, 3)
                .allSatisfy(i -> assertThat(i).hasSizeLessThanOrEqualTo(100));
        assertThat(items(profile, "In flight")).hasSizeLessThanOrEqualTo(2)
                .allSatisfy(i -> assertThat(i).hasSizeLessThanOrEqualTo(100));
        assertThat(items(profile, "Due")).hasSizeLessThanOrEqualTo(2)
                .allSatisfy(i -> assertThat(i).hasSizeLessThanOrEqualTo("2026-11-27: ".length() + 100));
        assertThat(profile).as("the newest fact about the user comes first")
                .contains("- Who: I prefer short answers in the morning");
        assertThat(items(profile, "In flight")).as("a fact that is due is not also in flight")
                .noneMatch(i -> i.contains("launch review"));
    }

    private static String bullets(String[] texts, String dayPrefix, String provenance) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < texts.length; i++) {
            sb.append("- ").append(texts[i]).append(". (").append(dayPrefix).append(i).append("; ")
                    .append(provenance).append(")\n");
        }
        return sb.toString();
    }

    private static List<String> items(String profile, String label) {
        return profile.lines().filter(l -> l.startsWith("- " + label + ": ")).findFirst()
                .map(l -> Arrays.asList(l.substring(("- " + label + ": ").length()).split("; "))).orElse(List.of());
    }
}

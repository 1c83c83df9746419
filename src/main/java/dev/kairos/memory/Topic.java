package dev.kairos.memory;

/** The kinds of consolidated memory, one file each under {@code topics/}. */
public enum Topic {
    USER, FEEDBACK, PROJECT, REFERENCE, EPISODES;

    public String fileName() {
        return "topics/" + name().toLowerCase(java.util.Locale.ROOT) + ".md";
    }
}

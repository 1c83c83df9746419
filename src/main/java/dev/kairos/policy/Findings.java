package dev.kairos.policy;

/** What the reading of one command line has found so far: the first denial wins over anything unreadable. */
final class Findings {
    private String denied;
    private String unreadable;

    void deny(String why) {
        if (denied == null) denied = why;
    }

    void unreadable(String why) {
        if (unreadable == null) unreadable = why;
    }

    Reading reading() {
        if (denied != null) return new Reading.Deny(denied);
        if (unreadable != null) return new Reading.Unreadable(unreadable);
        return new Reading.Clear();
    }
}

package dev.kairos.policy;

/** The parser stops: the text is not shell it can read (an unbalanced quote, a case statement, a stray ")"). */
final class NotReadable extends RuntimeException {
    NotReadable(String why) {
        super(why, null, false, false);
    }
}

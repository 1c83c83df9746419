package dev.kairos.tool;

/** A failure the model caused or can work around (missing file, ambiguous edit); becomes an error result. */
final class ToolFailure extends RuntimeException {
    ToolFailure(String message) {
        super(message, null, false, false);
    }
}

package dev.kairos.memory;

import dev.kairos.event.Trust;
import java.time.LocalDate;

/**
 * An item as read from its file, before it is indexed: where it sits, when it is from, what it says, and whether
 * its provenance marks it as someone else's text.
 */
record Entry(String path, int line, LocalDate date, String text, String provenance, Trust trust) {}

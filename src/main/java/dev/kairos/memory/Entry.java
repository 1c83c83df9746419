package dev.kairos.memory;

import java.time.LocalDate;

/** An item as read from its file, before it is indexed: where it sits, when it is from, what it says. */
record Entry(String path, int line, LocalDate date, String text, String provenance) {}

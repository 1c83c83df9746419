package dev.kairos.memory;

import dev.kairos.event.Trust;
import java.time.LocalDate;

/**
 * One thing remembered: a journal bullet, a topic bullet or paragraph, a line of the index. {@code path} is relative
 * to the memory folder ("journal/2026-11-25.md"); {@code provenance} says where it came from (journal entries, events,
 * commits, conversation turns), or "path:line" when the file does not say; {@code trust} is UNTRUSTED when the
 * provenance marks it as someone else's text, which is data, never instructions.
 */
public record MemoryItem(String text, double score, LocalDate date, String path, String provenance, Trust trust) {}

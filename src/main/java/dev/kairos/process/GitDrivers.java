package dev.kairos.process;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Filter, diff and merge drivers are defined per name ({@code filter.lfs.smudge}); {@code -c} can only switch one
 * off by its name. Empty commands make git skip a filter; a filter marked required would then fail, so it is
 * marked not required.
 */
final class GitDrivers {
    private GitDrivers() {}

    /**
     * The {@code -c} settings that switch off every driver named in {@code config}, the output of
     * {@code git config --null --get-regexp '^(filter|diff|merge)\.'}.
     *
     * @throws IllegalArgumentException for a name that a {@code -c} setting cannot address
     */
    static List<String> switchedOff(String config) {
        Set<String> filters = new LinkedHashSet<>();
        Set<String> diffs = new LinkedHashSet<>();
        Set<String> merges = new LinkedHashSet<>();
        for (String entry : config.split("\0")) {
            int nl = entry.indexOf('\n');
            String key = nl < 0 ? entry : entry.substring(0, nl);
            int first = key.indexOf('.');
            int last = key.lastIndexOf('.');
            if (first < 0 || first == last) continue; // no name: diff.external and the like are set in HARDENING
            String name = key.substring(first + 1, last);
            if (name.contains("=") || name.isEmpty()) {
                throw new IllegalArgumentException("its configuration names a driver '" + name + "' that cannot be "
                        + "switched off (rename it in the repository's git config)");
            }
            switch (key.substring(0, first).toLowerCase(Locale.ROOT)) {
                case "filter" -> filters.add(name);
                case "diff" -> diffs.add(name);
                case "merge" -> merges.add(name);
                default -> { }
            }
        }
        List<String> off = new ArrayList<>();
        for (String n : filters) {
            off.addAll(List.of("filter." + n + ".smudge=", "filter." + n + ".clean=", "filter." + n + ".process=",
                    "filter." + n + ".required=false"));
        }
        for (String n : diffs) off.addAll(List.of("diff." + n + ".textconv=", "diff." + n + ".command="));
        for (String n : merges) off.add("merge." + n + ".driver=");
        return off;
    }
}

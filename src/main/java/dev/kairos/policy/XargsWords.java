package dev.kairos.policy;

import java.util.ArrayList;
import java.util.List;

/** Input split into items as xargs does by default: at blanks and newlines, honouring quotes and backslashes. */
final class XargsWords {
    private XargsWords() {}

    /** The items, or null when a quote is not closed (xargs stops with an error there). */
    static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        StringBuilder item = null;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else if (c == '\n') return null;
                else item.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                if (item == null) item = new StringBuilder();
            } else if (c == '\\' && i + 1 < text.length()) {
                if (item == null) item = new StringBuilder();
                item.append(text.charAt(++i));
            } else if (c == ' ' || c == '\t' || c == '\n') {
                if (item != null) out.add(item.toString());
                item = null;
            } else {
                if (item == null) item = new StringBuilder();
                item.append(c);
            }
        }
        if (quote != 0) return null;
        if (item != null) out.add(item.toString());
        return out;
    }
}

package dev.kairos.event;

/**
 * Text made safe to store and to print on a terminal: control characters (C0 but newline and tab, DEL, C1) become
 * visible escapes such as {@code \x1b}, so a message cannot carry a terminal escape sequence into the journal, the
 * store or back out to the user's screen. A CR-LF line end becomes a newline.
 */
public final class Printable {
    private Printable() {}

    public static String of(String text) {
        if (text == null || text.isEmpty()) return text;
        String in = text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n");
        StringBuilder out = null;
        for (int i = 0; i < in.length(); i++) {
            char c = in.charAt(i);
            if (!isControl(c)) {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(in.length() + 8).append(in, 0, i);
            out.append(String.format("\\x%02x", (int) c));
        }
        return out == null ? in : out.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 && c != '\n' && c != '\t' || c >= 0x7f && c <= 0x9f;
    }
}

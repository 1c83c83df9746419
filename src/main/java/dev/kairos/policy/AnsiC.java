package dev.kairos.policy;

/** The inside of bash's {@code $'…'} quotes, with its escapes decoded ({@code $'\x72m'} is "rm"). */
final class AnsiC {
    private AnsiC() {}

    /** Reads up to the closing quote, which is consumed. */
    static String decode(ShellSource src) {
        StringBuilder s = new StringBuilder();
        while (true) {
            if (src.atEnd()) throw new NotReadable("unbalanced $'");
            char c = src.next();
            if (c == '\'') return s.toString();
            if (c != '\\' || src.atEnd()) {
                s.append(c);
                continue;
            }
            char e = src.next();
            switch (e) {
                case 'a' -> s.append('\u0007');
                case 'b' -> s.append('\b');
                case 'e', 'E' -> s.append('\u001b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'v' -> s.append('\u000b');
                case 'x' -> s.appendCodePoint(number(src, 16, 2));
                case 'u' -> s.appendCodePoint(number(src, 16, 4));
                case 'U' -> s.appendCodePoint(number(src, 16, 8));
                case 'c' -> s.append(src.atEnd() ? 'c' : (char) (src.next() & 0x1f));
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int v = e - '0';
                    for (int i = 0; i < 2 && src.peek() >= '0' && src.peek() <= '7'; i++) v = v * 8 + (src.next() - '0');
                    s.append((char) (v & 0xff));
                }
                case '\\', '\'', '"', '?' -> s.append(e);
                default -> s.append('\\').append(e);
            }
        }
    }

    private static int number(ShellSource src, int radix, int max) {
        int v = 0;
        int n = 0;
        while (n < max && Character.digit(src.peek(), radix) >= 0) {
            v = v * radix + Character.digit(src.next(), radix);
            n++;
        }
        if (n == 0) throw new NotReadable("an escape in $'…' without its digits");
        if (!Character.isValidCodePoint(v)) throw new NotReadable("an escape in $'…' that is no character");
        return v;
    }
}

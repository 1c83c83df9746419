package dev.kairos.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Programs that bring text from the network, and the files they save it to. What they write to standard output is
 * always taken as coming from the network; the files are found from their options so that running one later in
 * the line is seen ({@code curl -o x …; sh x}, {@code wget …/i.sh; sh i.sh}).
 */
final class Fetchers {
    private static final Set<String> FETCHERS = Set.of("curl", "wget", "wget2", "fetch", "aria2c", "axel", "http",
            "https", "httpie", "xh", "xhs", "lynx", "links", "elinks", "w3m", "nc", "ncat", "netcat", "socat", "telnet",
            "ftp", "tftp", "lftp", "sftp", "scp", "rsync");
    /** Copiers whose destination names the reading does not work out: anything they bring is a download. */
    private static final Set<String> UNNAMED = Set.of("ftp", "tftp", "lftp", "sftp", "scp", "rsync");
    private static final String CURL_VALUES = "AbcCdDeEFHKmoPQrtTuUwxXyYz";
    private static final Set<String> CURL_LONG_VALUES = Set.of("output", "output-dir", "url", "data", "data-raw",
            "data-binary", "data-urlencode", "data-ascii", "header", "request", "user", "user-agent", "referer",
            "cookie", "cookie-jar", "form", "form-string", "config", "cert", "key", "cacert", "capath", "proxy",
            "proxy-user", "max-time", "connect-timeout", "retry", "retry-delay", "retry-max-time", "write-out",
            "dump-header", "range", "resolve", "connect-to", "interface", "limit-rate", "max-filesize", "upload-file",
            "continue-at", "json", "oauth2-bearer", "aws-sigv4", "preproxy", "noproxy", "stderr", "trace",
            "trace-ascii", "unix-socket", "variable", "url-query", "expect100-timeout", "max-redirs", "pass",
            "netrc-file", "create-file-mode", "proto", "proto-redir", "tls-max", "ciphers", "etag-save",
            "etag-compare", "hsts", "alt-svc", "doh-url", "dns-servers", "local-port", "time-cond");
    private static final String WGET_VALUES = "OoaPiBetTwQUlARDIX";
    private static final Set<String> WGET_LONG_VALUES = Set.of("output-document", "output-file", "append-output",
            "directory-prefix", "input-file", "base", "execute", "tries", "timeout", "wait", "quota", "user-agent",
            "level", "accept", "reject", "domains", "include-directories", "exclude-directories", "header",
            "post-data", "post-file", "user", "password", "http-user", "http-password", "load-cookies", "save-cookies",
            "referer", "ca-certificate", "certificate", "private-key", "limit-rate", "method", "body-data",
            "body-file", "bind-address", "dns-timeout", "connect-timeout", "read-timeout", "waitretry",
            "default-page", "restrict-file-names", "proxy-user", "proxy-password");
    private static final Set<String> WGET_MANY = Set.of("-r", "--recursive", "-m", "--mirror", "-p",
            "--page-requisites", "-i", "--input-file", "--content-disposition", "--trust-server-names", "-x",
            "--force-directories");

    /** The files a fetch saves, and whether it saves others whose names the line does not tell. */
    record Saved(List<Arg> files, boolean others) {}

    private Fetchers() {}

    static boolean fetches(String name, List<Arg> args) {
        return FETCHERS.contains(name) || name.equals("openssl") && !args.isEmpty() && args.getFirst().is("s_client");
    }

    static Saved saved(String name, List<Arg> args) {
        if (UNNAMED.contains(name)) return new Saved(List.of(), true);
        return switch (name) {
            case "curl" -> curl(args);
            case "wget", "wget2" -> wget(args);
            default -> other(args);
        };
    }

    private static Saved curl(List<Arg> args) {
        List<Arg> files = new ArrayList<>();
        List<Arg> urls = new ArrayList<>();
        boolean remoteName = false;
        boolean others = false;
        Optional<String> dir = Optional.empty();
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            String t = a.text();
            Arg next = i + 1 < args.size() ? args.get(i + 1) : Arg.unknown("", false);
            if (!a.known() || !t.startsWith("-") || t.equals("-")) {
                urls.add(a);
            } else if (t.startsWith("--")) {
                String n = t.substring(2);
                String v = n.contains("=") ? n.substring(n.indexOf('=') + 1) : next.text();
                n = n.contains("=") ? n.substring(0, n.indexOf('=')) : n;
                if (n.equals("remote-name") || n.equals("remote-name-all")) remoteName = true;
                if (n.equals("remote-header-name") || n.equals("config")) others = true;
                if (n.equals("output")) files.add(Arg.literal(v));
                if (n.equals("output-dir")) dir = Optional.of(v);
                if (n.equals("url")) urls.add(next);
                if (CURL_LONG_VALUES.contains(n) && !t.contains("=")) i++;
            } else {
                for (int k = 1; k < t.length(); k++) {
                    char c = t.charAt(k);
                    if (c == 'O') remoteName = true;
                    if (c == 'J' || c == 'K') others = true;
                    if (CURL_VALUES.indexOf(c) < 0) continue;
                    String v = k + 1 < t.length() ? t.substring(k + 1) : next.text();
                    if (k + 1 == t.length()) i++;
                    if (c == 'o') files.add(k + 1 < t.length() ? Arg.literal(v) : next);
                    break;
                }
            }
        }
        if (remoteName) urls.forEach(u -> files.add(named(u)));
        Optional<String> in = dir;
        List<Arg> placed = files.stream().filter(f -> !f.is("-"))
                .map(f -> in.isPresent() && f.known() && !f.text().startsWith("/") ? Arg.literal(in.get() + "/" + f.text()) : f)
                .toList();
        return new Saved(placed, others);
    }

    private static Saved wget(List<Arg> args) {
        Optional<Arg> document = Optional.empty();
        String prefix = "";
        boolean others = false;
        List<Arg> urls = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            String t = a.text();
            Arg next = i + 1 < args.size() ? args.get(i + 1) : Arg.unknown("", false);
            others |= WGET_MANY.contains(t);
            if (!a.known() || !t.startsWith("-") || t.equals("-")) {
                urls.add(a);
            } else if (t.startsWith("--")) {
                String n = t.contains("=") ? t.substring(2, t.indexOf('=')) : t.substring(2);
                String v = t.contains("=") ? t.substring(t.indexOf('=') + 1) : next.text();
                if (n.equals("output-document")) document = Optional.of(Arg.literal(v));
                if (n.equals("directory-prefix")) prefix = v + "/";
                if (WGET_LONG_VALUES.contains(n) && !t.contains("=")) i++;
            } else if (!t.matches("-n[vcdHp]")) {
                for (int k = 1; k < t.length(); k++) {
                    char c = t.charAt(k);
                    if (c == 'r' || c == 'm' || c == 'p' || c == 'x') others = true;
                    if (WGET_VALUES.indexOf(c) < 0) continue;
                    String v = k + 1 < t.length() ? t.substring(k + 1) : next.text();
                    if (k + 1 == t.length()) i++;
                    if (c == 'O') document = Optional.of(k + 1 < t.length() ? Arg.literal(v) : next);
                    if (c == 'P') prefix = v + "/";
                    if (c == 'i') others = true;
                    break;
                }
            }
        }
        if (document.isPresent()) {
            return new Saved(document.get().is("-") ? List.of() : List.of(document.get()), others);
        }
        String dir = prefix;
        List<Arg> files = urls.stream().map(Fetchers::named)
                .map(f -> f.known() ? Arg.literal(dir + (f.text().isEmpty() ? "index.html" : f.text())) : f).toList();
        return new Saved(files, others);
    }

    /** fetch, aria2c, httpie and the like: -o FILE and --output FILE, else the URL's last name. */
    private static Saved other(List<Arg> args) {
        List<Arg> files = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            Arg a = args.get(i);
            if (a.is("-o") || a.is("--output") || a.is("--out")) {
                if (i + 1 < args.size()) files.add(args.get(++i));
            } else if (a.known() && a.text().startsWith("--output=")) {
                files.add(Arg.literal(a.text().substring("--output=".length())));
            } else if (a.known() && a.text().contains("://")) {
                files.add(named(a));
            }
        }
        return new Saved(files, false);
    }

    /** The name a URL saves under: the last part of its path. */
    private static Arg named(Arg url) {
        if (!url.known()) return url;
        String path = url.text().replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "").replaceFirst("[?#].*$", "");
        return Arg.literal(path.substring(path.lastIndexOf('/') + 1));
    }
}

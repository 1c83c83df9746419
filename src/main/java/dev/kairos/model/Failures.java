package dev.kairos.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns what went wrong in a call into a {@link ModelException} with one line a user can act on: what happened,
 * where (provider, model, URL) and what to do. Provider wording is included only where it helps, key redacted.
 */
final class Failures {

    private static final Pattern CONTEXT = Pattern.compile(
            "context.?length|context.?window|maximum context|too long|too many tokens|prompt is too long",
            Pattern.CASE_INSENSITIVE);
    /** Key-like words some providers echo, even masked ("sk-proj-****abcd"). */
    private static final Pattern KEY_LIKE = Pattern.compile("\\b(sk|key)-[A-Za-z0-9_*.-]{4,}");
    private static final int LONGEST_DETAIL = 240;

    private Failures() {}

    /** The provider answered with an HTTP error. */
    static ModelException http(Endpoint e, int status, String apiMessage, String errorCode, Duration retryAfter,
            Throwable cause) {
        String where = e.provider() + " at " + e.baseUrl();
        String detail = detail(e, apiMessage);
        boolean contextTooLong = (status == 400 || status == 413)
                && (CONTEXT.matcher(apiMessage == null ? "" : apiMessage).find()
                        || "context_length_exceeded".equals(errorCode));
        if (contextTooLong) {
            return failure(ModelException.Kind.CONTEXT_TOO_LONG, line("the prompt is too long for " + e.provider()
                    + "/" + e.model() + " at " + e.baseUrl() + " (" + status + ")", detail,
                    "shorten the context or use a model with a larger context window"), cause);
        }
        return switch (status) {
            case 401 -> failure(ModelException.Kind.AUTH, line(where + " rejected the API key (401)", "",
                    "set " + e.keyVariable() + " to a valid key"), cause);
            case 402 -> failure(ModelException.Kind.AUTH, line(where + " wants payment (402)", detail,
                    "check the billing and credit of the account behind " + e.keyVariable()), cause);
            case 403 -> failure(ModelException.Kind.AUTH, line(where + " refused access to model " + e.model()
                    + " (403)", "", "check that the key in " + e.keyVariable() + " may use this model"), cause);
            case 404 -> failure(ModelException.Kind.NOT_FOUND, line(where + " does not know model " + e.model()
                    + " (404)", "", notFoundAdvice(e)), cause);
            case 429 -> retryable(ModelException.Kind.RATE_LIMITED, line(where + " is rate-limiting requests for "
                    + e.model() + " (429" + waitHint(retryAfter) + ")", "",
                    "wait and try again, or raise the rate limit of your plan"), retryAfter, cause);
            case 408, 500, 502, 503, 504, 529 -> retryable(ModelException.Kind.OVERLOADED, line(where
                    + " is overloaded or failing (" + status + waitHint(retryAfter) + ")", "", "try again later"),
                    retryAfter, cause);
            default -> status >= 500
                    ? failure(ModelException.Kind.OVERLOADED, line(where + " failed (" + status + ")", detail,
                            "try again later"), cause)
                    : failure(ModelException.Kind.BAD_REQUEST, line(where + " rejected the request for " + e.model()
                            + " (" + status + ")", detail,
                            "fix what it says, or report a Kairos bug if the request itself is wrong"), cause);
        };
    }

    /** No HTTP answer: the connection failed or the server was silent for longer than the time-out. */
    static ModelException io(Endpoint e, Throwable cause) {
        if (has(cause, InterruptedIOException.class) && !has(cause, ConnectException.class)) {
            // A silent server is not retried: each retry would wait the whole time-out again.
            return failure(ModelException.Kind.UNREACHABLE, line(e.provider() + " at " + e.baseUrl()
                    + " did not answer within " + seconds(e.timeout()) + " for model " + e.model(), "",
                    "try again, or raise model.timeout in kairos.yaml"), cause);
        }
        String what = has(cause, UnknownHostException.class) ? "the host is unknown"
                : has(cause, ConnectException.class) || has(cause, NoRouteToHostException.class)
                        ? "the connection was refused"
                        : "the connection failed";
        String detail = what.equals("the connection failed") ? detail(e, rootMessage(cause)) : "";
        return retryable(ModelException.Kind.UNREACHABLE, line("cannot reach " + e.provider() + " at "
                + e.baseUrl() + ", " + what, detail, "check " + e.urlVariable() + " and that the server is running"),
                null, cause);
    }

    /** The provider answered, but not with its API's reply. */
    static ModelException badResponse(Endpoint e, Throwable cause) {
        String detail = has(cause, JsonProcessingException.class) ? "the body is not JSON"
                : detail(e, rootMessage(cause));
        return failure(ModelException.Kind.BAD_RESPONSE, line(e.provider() + " at " + e.baseUrl()
                + " sent a reply for " + e.model() + " that Kairos cannot read", detail,
                "check that " + e.urlVariable() + " points to " + apiName(e)), cause);
    }

    /** "what: detail; advice", or "what: advice" without a detail. */
    private static String line(String what, String detail, String advice) {
        return detail.isEmpty() ? what + ": " + advice : what + ": " + detail + "; " + advice;
    }

    /** Parses {@code retry-after-ms} (milliseconds) or {@code retry-after} (seconds); HTTP dates are ignored. */
    static Duration retryAfter(String retryAfterMs, String retryAfter) {
        try {
            if (retryAfterMs != null && !retryAfterMs.isBlank()) {
                return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(retryAfterMs.strip()))));
            }
            if (retryAfter != null && !retryAfter.isBlank()) {
                return Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(retryAfter.strip()) * 1000)));
            }
        } catch (NumberFormatException e) {
            // an HTTP date or garbage: fall back to our own back-off
        }
        return null;
    }

    private static String notFoundAdvice(Endpoint e) {
        if ("ollama".equals(e.provider())) {
            return "run 'ollama pull " + e.model() + "', or check OLLAMA_BASE_URL";
        }
        return "check the model name in KAIROS_MODEL and " + e.urlVariable();
    }

    private static String apiName(Endpoint e) {
        return "anthropic".equals(e.provider()) ? "the Anthropic Messages API" : "an OpenAI-compatible API (…/v1)";
    }

    private static String waitHint(Duration retryAfter) {
        return retryAfter == null ? "" : ", retry after " + seconds(retryAfter);
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** Provider wording made safe for one line: no key, no newlines, not too long. */
    private static String detail(Endpoint e, String text) {
        String safe = KEY_LIKE.matcher(e.redact(text)).replaceAll("[redacted]").replaceAll("\\s+", " ").strip()
                .replaceFirst("^\\d{3}: ", "") // the SDKs prefix the status, which the line already has
                .replaceFirst("[.;:]+$", "");
        return safe.length() <= LONGEST_DETAIL ? safe : safe.substring(0, LONGEST_DETAIL) + "…";
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static ModelException failure(ModelException.Kind kind, String message, Throwable cause) {
        return new ModelException(kind, message, null, false, cause);
    }

    private static ModelException retryable(ModelException.Kind kind, String message, Duration retryAfter,
            Throwable cause) {
        return new ModelException(kind, message, retryAfter, true, cause);
    }
}

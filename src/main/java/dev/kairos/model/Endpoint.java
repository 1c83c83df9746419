package dev.kairos.model;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Where and as whom to call a model, resolved from the environment, and which variables the user would change to
 * fix it (named in error messages).
 *
 * @param apiKey null when the server needs none (a local Ollama)
 */
record Endpoint(String provider, String model, String baseUrl, String apiKey, String keyVariable,
        String urlVariable, Duration timeout) {

    static final String ANTHROPIC_URL = "https://api.anthropic.com";
    static final String OPENAI_URL = "https://api.openai.com/v1";
    static final String OLLAMA_URL = "http://127.0.0.1:11434/v1";

    static Endpoint resolve(ModelSpec spec, Map<String, String> env, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("model time-out must be positive, was " + timeout);
        }
        String provider = spec.provider();
        return switch (provider) {
            case "anthropic" -> withRequiredKey(spec, env, timeout, "ANTHROPIC", ANTHROPIC_URL,
                    "https://console.anthropic.com/settings/keys");
            case "openai" -> withRequiredKey(spec, env, timeout, "OPENAI", OPENAI_URL,
                    "https://platform.openai.com/api-keys");
            case "ollama" -> {
                // OLLAMA_BASE_URL, else OPENAI_BASE_URL (as for any OpenAI-compatible server), else the local default
                String urlVariable = blankToNull(env.get("OLLAMA_BASE_URL")) == null
                        && blankToNull(env.get("OPENAI_BASE_URL")) != null ? "OPENAI_BASE_URL" : "OLLAMA_BASE_URL";
                yield new Endpoint(provider, spec.model(), url(env, urlVariable, OLLAMA_URL),
                        blankToNull(env.get("OLLAMA_API_KEY")), "OLLAMA_API_KEY", urlVariable, timeout);
            }
            default -> compatible(spec, env, timeout);
        };
    }

    private static Endpoint withRequiredKey(ModelSpec spec, Map<String, String> env, Duration timeout,
            String prefix, String defaultUrl, String keyPage) {
        String keyVariable = prefix + "_API_KEY";
        String urlVariable = prefix + "_BASE_URL";
        String baseUrl = url(env, urlVariable, defaultUrl);
        String key = blankToNull(env.get(keyVariable));
        Endpoint endpoint = new Endpoint(spec.provider(), spec.model(), baseUrl, key, keyVariable, urlVariable,
                timeout);
        if (key == null) {
            throw new ModelException(ModelException.Kind.AUTH, "no API key for " + spec + " at " + baseUrl
                    + ": set " + keyVariable + " (create one at " + keyPage + ")", null, false, null);
        }
        return endpoint;
    }

    /** Any other provider name is an OpenAI-compatible server: NAME_BASE_URL, else OPENAI_BASE_URL. */
    private static Endpoint compatible(ModelSpec spec, Map<String, String> env, Duration timeout) {
        String prefix = spec.provider().toUpperCase(Locale.ROOT).replace('-', '_');
        String urlVariable = prefix + "_BASE_URL";
        String keyVariable = prefix + "_API_KEY";
        if (blankToNull(env.get(urlVariable)) == null && blankToNull(env.get("OPENAI_BASE_URL")) != null) {
            urlVariable = "OPENAI_BASE_URL";
            if (blankToNull(env.get(keyVariable)) == null) {
                keyVariable = "OPENAI_API_KEY";
            }
        }
        String baseUrl = blankToNull(env.get(urlVariable));
        if (baseUrl == null) {
            throw new IllegalArgumentException("provider '" + spec.provider() + "' in model " + spec
                    + " is taken for an OpenAI-compatible server, but " + urlVariable + " is not set: set it to"
                    + " the server's URL (e.g. http://127.0.0.1:8000/v1), or use anthropic/, openai/ or ollama/");
        }
        return new Endpoint(spec.provider(), spec.model(), checked(urlVariable, baseUrl),
                blankToNull(env.get(keyVariable)), keyVariable, urlVariable, timeout);
    }

    private static String url(Map<String, String> env, String variable, String fallback) {
        String value = blankToNull(env.get(variable));
        return value == null ? fallback : checked(variable, value);
    }

    private static String checked(String variable, String value) {
        String url = value.strip();
        try {
            URI uri = URI.create(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            }
        } catch (IllegalArgumentException e) {
            // reported below, with the variable's name
        }
        throw new IllegalArgumentException(variable + " '" + url + "' is not an http(s) URL:"
                + " set it to e.g. https://host/v1");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Removes the key from text that is about to be shown or logged. */
    String redact(String text) {
        if (text == null) {
            return "";
        }
        return apiKey == null || apiKey.length() < 4 ? text : text.replace(apiKey, "[redacted]");
    }

    /** Never print the key: records print every component by default. */
    @Override
    public String toString() {
        return "Endpoint[" + provider + "/" + model + " at " + baseUrl + ", key " + (apiKey == null ? "none" : "set")
                + "]";
    }
}

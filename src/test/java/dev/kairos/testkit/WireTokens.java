package dev.kairos.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Token counts for the fake server. Counts with o200k_base on its own rather than through the code under test, so a
 * bug there cannot hide here.
 */
final class WireTokens {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private WireTokens() {}

    static long count(String text) {
        return text == null || text.isEmpty() ? 0 : O200K.countTokensOrdinary(text);
    }

    /** Tokens of a JSON value written compactly, so both wire formats count a schema or an input the same. */
    static long countJson(JsonNode node) {
        return node == null || node.isMissingNode() || node.isNull() ? 0 : count(node.toString());
    }

    /** Tokens of JSON that arrived as text (OpenAI's tool-call arguments), normalised to compact form first. */
    static long countJsonText(String json) {
        if (json == null || json.isBlank()) {
            return 0;
        }
        try {
            return countJson(JSON.readTree(json));
        } catch (JsonProcessingException e) {
            return count(json);
        }
    }
}

package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool the model may call. Get tools from {@link Tools}: their {@code call} checks the input against the schema,
 * turns failures into error results and caps the result in tokens. The policy decides before anything is called.
 */
public interface Tool {

    /** The name the model calls it by, e.g. {@code read_file}. */
    String name();

    String description();

    /** A JSON schema of type object; its property names are part of the contract. */
    ObjectNode inputSchema();

    /** The most this tool can do. */
    Risk risk();

    /** What this particular call can do (the {@code git} tool reads for {@code status}, writes for {@code commit}). */
    default Risk riskOf(ObjectNode input) {
        return risk();
    }

    ToolResult call(ObjectNode input, ToolContext ctx);
}

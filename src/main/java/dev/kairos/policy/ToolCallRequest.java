package dev.kairos.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.tool.Risk;
import dev.kairos.tool.Tool;

/** A tool call the model asked for, before the policy has decided on it. */
public record ToolCallRequest(String tool, Risk risk, ObjectNode input) {

    /** The call with the risk of this particular input (a {@code git status} reads, a {@code git commit} writes). */
    public static ToolCallRequest of(Tool tool, ObjectNode input) {
        return new ToolCallRequest(tool.name(), tool.riskOf(input), input);
    }
}

package dev.docserve.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * {@code @ExtendWith(WithOpenSearch.class)}: injects the run's {@link OpenSearchNode} into test
 * methods and lifecycle methods, and disables the class (reported as skipped, with the reason) when
 * the build provides no OpenSearch — only the {@code opensearch} profile does.
 */
public final class WithOpenSearch implements ParameterResolver, ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return OpenSearchNode.available()
                ? ConditionEvaluationResult.enabled("an OpenSearch node is available")
                : ConditionEvaluationResult.disabled("no OpenSearch node: run with -Popensearch (as CI does) or -D"
                        + OpenSearchNode.URL_PROPERTY + "=http://host:port");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == OpenSearchNode.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return OpenSearchNode.shared(context);
    }
}

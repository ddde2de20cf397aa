package io.socketway.api.spi;

import io.socketway.api.FunctionDefinition;
import java.util.Map;

/**
 * Loads functions of one kind (for example Java handlers run in-process).
 *
 * <p>Threading: {@link #deploy} may block (it reads jars); the gateway calls it at start-up, off any event loop.
 */
public interface FunctionRuntime {

    /** Returns true when this runtime runs functions with this {@code Runtime} value, for example {@code java21}. */
    boolean supports(String runtime);

    /**
     * Loads the function's code and returns it ready to invoke.
     *
     * @param definition the function as the template defines it
     * @param environment variables the gateway adds to the function's own {@code Environment.Variables}, as Lambda
     *     does ({@code AWS_REGION}, credentials, ...); the function's own variables win over these
     * @throws FunctionException when the code cannot be found or the handler cannot be resolved; the message names
     *     the function, the handler or {@code CodeUri}, and what was expected
     */
    DeployedFunction deploy(FunctionDefinition definition, Map<String, String> environment);
}

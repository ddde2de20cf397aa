package io.socketway.core;

/**
 * An {@code AWS_PROXY} integration: the Lambda event goes to the function (in this process or over HTTP) and its
 * answer is read as a Lambda proxy response. Thread-safe; {@link #invoke} blocks its virtual thread.
 */
final class FunctionIntegration implements Integration {
    private final LambdaInvoker invoker;

    FunctionIntegration(LambdaInvoker invoker) {
        this.invoker = invoker;
    }

    @Override
    public IntegrationResponse invoke(IntegrationEvent event) throws IntegrationException {
        Object answer = invoker.invokeTree(event.lambdaEvent(), event.requestId());
        // only $connect's status decides anything (accept or refuse); elsewhere AWS ignores it
        return event.eventType().equals("CONNECT") ? LambdaResponses.parse(answer)
                : LambdaResponses.parseIgnoringStatus(answer);
    }
}

package io.socketway.api;

/** The integration types Socketway runs, named as in {@code AWS::ApiGatewayV2::Integration.IntegrationType}. */
public enum IntegrationType {
    /** Lambda proxy: an in-process Java function, or any function reached over HTTP with the same event JSON. */
    AWS_PROXY,
    /** Forwards the raw message to an HTTP backend and, on two-way routes, returns its body. */
    HTTP_PROXY,
    /** No backend: the status comes from the request template, the reply from the response template. */
    MOCK,
    /**
     * A type Socketway does not run: {@code AWS} (a service integration through mapping templates: SQS, DynamoDB,
     * EventBridge, ...) or {@code HTTP} (an HTTP backend through mapping templates). The template still loads; every
     * call of such an integration fails, so the client gets {@code Internal server error} (502 on {@code $connect}).
     */
    UNSUPPORTED
}

package io.socketway.api;

/** How a {@code $connect} route authorizes connections ({@code AWS::ApiGatewayV2::Route.AuthorizationType}). */
public enum AuthorizationType {
    /** Everyone may connect. */
    NONE,
    /** The connect URL must be SigV4-presigned with a configured access key. */
    AWS_IAM,
    /** A {@code REQUEST} authorizer function decides (AWS's Lambda authorizer). */
    CUSTOM,
    /** A JWT authorizer decides (AWS offers it for HTTP APIs only; Socketway for WebSockets too). */
    JWT
}

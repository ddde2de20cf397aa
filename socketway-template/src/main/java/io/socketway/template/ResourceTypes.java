package io.socketway.template;

/** Names the resource types the loader reads. */
final class ResourceTypes {
    static final String API = "AWS::ApiGatewayV2::Api";
    static final String ROUTE = "AWS::ApiGatewayV2::Route";
    static final String ROUTE_RESPONSE = "AWS::ApiGatewayV2::RouteResponse";
    static final String INTEGRATION = "AWS::ApiGatewayV2::Integration";
    static final String INTEGRATION_RESPONSE = "AWS::ApiGatewayV2::IntegrationResponse";
    static final String STAGE = "AWS::ApiGatewayV2::Stage";
    static final String DEPLOYMENT = "AWS::ApiGatewayV2::Deployment";
    static final String AUTHORIZER = "AWS::ApiGatewayV2::Authorizer";
    static final String API_GATEWAY_V2_PREFIX = "AWS::ApiGatewayV2::";
    static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    static final String LAMBDA_FUNCTION = "AWS::Lambda::Function";
    static final String LAMBDA_PERMISSION = "AWS::Lambda::Permission";

    private ResourceTypes() {}
}

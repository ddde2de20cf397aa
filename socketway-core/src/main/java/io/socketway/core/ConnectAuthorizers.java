package io.socketway.core;

import io.socketway.api.ApiDefinition;
import io.socketway.api.AuthorizationType;
import io.socketway.api.spi.FunctionException;
import java.net.http.HttpClient;

/**
 * Creates the {@code $connect} authorizers that need keys from settings ({@code JWT}, {@code AWS_IAM}). The default
 * refuses to start an API that uses them without the security settings.
 */
interface ConnectAuthorizers {
    ConnectAuthorizers NONE = (api, type, http) -> {
        throw new FunctionException("Configuration", "Resources.$connect.Properties.AuthorizationType: " + type
                + " (expected: NONE or CUSTOM; " + type + " needs security settings)");
    };

    /** Returns the authorizer for the API's {@code $connect} route. */
    ConnectAuthorizer create(ApiDefinition api, AuthorizationType type, HttpClient http);
}

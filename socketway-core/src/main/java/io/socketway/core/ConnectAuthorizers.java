package io.socketway.core;

import io.socketway.api.ApiDefinition;
import io.socketway.api.AuthorizationType;

/** Creates the {@code $connect} authorizers that need keys from settings ({@code JWT}, {@code AWS_IAM}). */
interface ConnectAuthorizers {

    /** Returns the authorizer for the API's {@code $connect} route. */
    ConnectAuthorizer create(ApiDefinition api, AuthorizationType type);
}

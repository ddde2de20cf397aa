/**
 * Verifies JSON Web Tokens on {@code $connect}: Socketway's extension of AWS's HTTP-API JWT authorizer
 * ({@code AuthorizerType: JWT}) to WebSocket APIs.
 *
 * <p>{@link io.socketway.security.jwt.TokenLocator} finds the token in the upgrade request, as the authorizer's
 * {@code IdentitySource} says; {@link io.socketway.security.jwt.JwtVerifier} checks it against
 * {@link io.socketway.security.jwt.JwtSettings} and answers a {@link io.socketway.security.jwt.JwtResult}.
 *
 * <h2>Conventions</h2>
 * <ul>
 *   <li><b>Browsers</b> cannot set headers on a WebSocket upgrade, so with the identity source
 *       {@code $request.header.Sec-WebSocket-Protocol} the client offers its application protocol and a second one
 *       that carries the token: {@code new WebSocket(url, ["chat.v1", "jwt." + token])}. A compact JWT only holds
 *       characters that a subprotocol name may hold. The gateway echoes the application protocol, never the
 *       {@code jwt.} one ({@link io.socketway.security.jwt.TokenLocator#subprotocolToEcho}).</li>
 *   <li><b>Claims</b> reach functions as API Gateway's HTTP APIs hand them over in
 *       {@code requestContext.authorizer.jwt.claims}: every value is a string. See
 *       {@link io.socketway.security.jwt.JwtResult.Valid} for the exact spelling.</li>
 *   <li><b>Status</b>: a missing or bad token is 401; a good token without any of the required scopes is 403.</li>
 * </ul>
 */
@NullMarked
package io.socketway.security.jwt;

import org.jspecify.annotations.NullMarked;

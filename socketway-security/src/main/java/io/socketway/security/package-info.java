/**
 * Verification without transport: AWS Signature Version 4 for {@code @connections} calls and presigned connect URLs,
 * and JSON Web Tokens for connections. Pure logic over request data; no Netty types.
 */
@NullMarked
package io.socketway.security;

import org.jspecify.annotations.NullMarked;

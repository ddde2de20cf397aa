/**
 * Verifies AWS Signature Version 4 on {@code @connections} management calls and on presigned {@code $connect} URLs, as
 * API Gateway does for {@code AWS_IAM}.
 *
 * <p>The public surface is {@link io.socketway.security.sigv4.SigV4Verifier} and the records it takes and returns.
 * Everything else in the package is package-private. The expected signature is computed by the AWS SDK's own
 * {@code AwsV4HttpSigner} wherever that signer can reproduce what the client signed; see
 * {@link io.socketway.security.sigv4.SigV4Verifier} for the one case it cannot.
 */
@NullMarked
package io.socketway.security.sigv4;

import org.jspecify.annotations.NullMarked;

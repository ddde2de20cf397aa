package io.socketway.api.spi;

/**
 * One call of a function.
 *
 * @param requestId the Lambda request id (also {@code Context.getAwsRequestId()})
 * @param deadlineEpochMillis when the call times out; {@code Context.getRemainingTimeInMillis()} counts down to it
 */
public record Invocation(String requestId, long deadlineEpochMillis) {}

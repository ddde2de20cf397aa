/**
 * A chat room served by one AWS Lambda function behind an API Gateway WebSocket API: {@link
 * io.socketway.examples.chat.ChatHandler} is the handler, written only against {@code aws-lambda-java-events} and the
 * AWS SDK v2, so the same jar deploys to AWS unchanged and runs locally under Socketway.
 */
@NullMarked
package io.socketway.examples.chat;

import org.jspecify.annotations.NullMarked;

package io.socketway.api;

/**
 * A template resource or property the gateway does not run, reported once at start-up.
 *
 * @param path for example {@code Resources.ConnectionsTable} or {@code Resources.ChatFunction.Properties.Policies}
 * @param reason for example {@code AWS::DynamoDB::Table is not run by Socketway}
 */
public record IgnoredItem(String path, String reason) {}

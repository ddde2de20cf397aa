package io.socketway.template;

import io.socketway.api.Partitions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Gives the values of the {@code AWS::*} pseudo parameters for one template; {@code AWS::NoValue} is handled by callers. */
final class PseudoParameters {
    private PseudoParameters() {}

    /** Returns the value of pseudo parameter {@code name}, if it is one. */
    static Optional<Tree> value(Template template, String name, int line) {
        Optional<String> text = switch (name) {
            case "AWS::Region" -> Optional.of(template.region());
            case "AWS::AccountId" -> Optional.of(template.accountId());
            case "AWS::StackName" -> Optional.of(template.stackName());
            case "AWS::StackId" -> Optional.of(stackId(template));
            case "AWS::Partition" -> Optional.of(Partitions.of(template.region()));
            case "AWS::URLSuffix" -> Optional.of(Partitions.urlSuffix(template.region()));
            default -> Optional.empty();
        };
        if (name.equals("AWS::NotificationARNs")) {
            return Optional.of(new Tree.Sequence(List.of(), line));
        }
        return text.map(value -> Tree.string(value, line));
    }

    private static String stackId(Template template) {
        UUID id = UUID.nameUUIDFromBytes(template.stackName().getBytes(StandardCharsets.UTF_8));
        return Partitions.arnPrefix("cloudformation", template.region()) + template.accountId() + ":stack/"
                + template.stackName() + "/" + id;
    }
}

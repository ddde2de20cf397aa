package io.socketway.api;

/**
 * The AWS partition a region belongs to, as CloudFormation's {@code AWS::Partition} and {@code AWS::URLSuffix} give
 * it: {@code aws-cn} and {@code amazonaws.com.cn} for the China regions ({@code cn-*}), {@code aws-us-gov} for
 * GovCloud ({@code us-gov-*}), the isolated ({@code us-iso-*}, {@code us-isob-*}) and European sovereign
 * ({@code eusc-*}) partitions, {@code aws} and {@code amazonaws.com} everywhere else. ARNs and endpoint names built
 * for a template use them, so a template deployed in China reads the same locally. Stateless.
 */
public final class Partitions {
    private Partitions() {}

    /** Returns the partition of {@code region}, for example {@code aws-cn} for {@code cn-north-1}. */
    public static String of(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        if (region.startsWith("eusc-")) {
            return "aws-eusc";
        }
        return region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    /** Returns the domain suffix of {@code region}'s endpoints, for example {@code amazonaws.com.cn}. */
    public static String urlSuffix(String region) {
        return switch (of(region)) {
            case "aws-cn" -> "amazonaws.com.cn";
            case "aws-iso" -> "c2s.ic.gov";
            case "aws-iso-b" -> "sc2s.sgov.gov";
            case "aws-eusc" -> "amazonaws.eu";
            default -> "amazonaws.com";
        };
    }

    /** Returns {@code arn:{partition}:{service}:{region}:} for an ARN of this service in {@code region}. */
    public static String arnPrefix(String service, String region) {
        return "arn:" + of(region) + ":" + service + ":" + region + ":";
    }
}

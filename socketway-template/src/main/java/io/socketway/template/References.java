package io.socketway.template;

import io.socketway.api.Partitions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Gives what {@code Ref} and {@code Fn::GetAtt} return for a resource: real-looking values for the resources the
 * gateway runs, and plausible ones for everything else, so that references to tables, roles or queues never fail.
 * Ids are derived from a hash of the stack name and logical id, so they are stable across restarts. Belongs to one
 * {@link Intrinsics}; not thread-safe.
 */
final class References {
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final Template template;
    private final Intrinsics intrinsics;
    private final Set<String> resolvingNames = new HashSet<>();

    References(Template template, Intrinsics intrinsics) {
        this.template = template;
        this.intrinsics = intrinsics;
    }

    /** Returns what {@code Ref} gives for {@code resource}. */
    String ref(Resource resource) {
        if (resource.type().equals(ResourceTypes.API)) {
            return apiId(resource.logicalId());
        }
        if (resource.type().equals(ResourceTypes.STAGE)) {
            return propertyText(resource, "StageName").orElse(resource.logicalId());
        }
        if (resource.type().startsWith(ResourceTypes.API_GATEWAY_V2_PREFIX)) {
            return physicalId(resource);
        }
        return switch (resource.type()) {
            case "AWS::SQS::Queue" -> "https://sqs." + template.region() + "." + Partitions.urlSuffix(template.region()) + "/" + template.accountId() + "/"
                    + physicalName(resource);
            case "AWS::SNS::Topic" -> arn(resource);
            default -> physicalName(resource);
        };
    }

    /**
     * The attributes CloudFormation documents for the resource types whose attributes Socketway checks: the ones it
     * runs and a few it fakes often; other types accept any attribute and get a plausible value.
     */
    private static final java.util.Map<String, Set<String>> ATTRIBUTES = java.util.Map.ofEntries(
            java.util.Map.entry(ResourceTypes.SERVERLESS_FUNCTION, Set.of("Arn", "SnapStartResponse",
                    "SnapStartResponse.ApplyOn", "SnapStartResponse.OptimizationStatus")),
            java.util.Map.entry(ResourceTypes.LAMBDA_FUNCTION, Set.of("Arn", "SnapStartResponse",
                    "SnapStartResponse.ApplyOn", "SnapStartResponse.OptimizationStatus")),
            java.util.Map.entry(ResourceTypes.API, Set.of("ApiEndpoint", "ApiId")),
            java.util.Map.entry(ResourceTypes.ROUTE, Set.of("RouteId")),
            java.util.Map.entry(ResourceTypes.INTEGRATION, Set.of("IntegrationId")),
            java.util.Map.entry(ResourceTypes.AUTHORIZER, Set.of("AuthorizerId")),
            java.util.Map.entry(ResourceTypes.DEPLOYMENT, Set.of("DeploymentId")),
            java.util.Map.entry(ResourceTypes.ROUTE_RESPONSE, Set.of("RouteResponseId")),
            java.util.Map.entry(ResourceTypes.INTEGRATION_RESPONSE, Set.of("IntegrationResponseId")),
            java.util.Map.entry("AWS::DynamoDB::Table", Set.of("Arn", "StreamArn")),
            java.util.Map.entry("AWS::SQS::Queue", Set.of("Arn", "QueueName", "QueueUrl")),
            java.util.Map.entry("AWS::SNS::Topic", Set.of("TopicArn", "TopicName")));

    /** Returns the attributes {@code Fn::GetAtt} may name on this type, when Socketway checks them. */
    static Optional<Set<String>> attributes(String type) {
        return Optional.ofNullable(ATTRIBUTES.get(type));
    }

    /** Returns what {@code Fn::GetAtt} gives for {@code attribute} of {@code resource}. */
    String getAtt(Resource resource, String attribute) {
        if (resource.type().equals(ResourceTypes.API) && attribute.equals("ApiId")) {
            return apiId(resource.logicalId());
        }
        if (resource.type().equals(ResourceTypes.API) && attribute.equals("ApiEndpoint")) {
            boolean http = propertyText(resource, "ProtocolType").filter("HTTP"::equals).isPresent();
            return (http ? "https://" : "wss://") + apiId(resource.logicalId()) + ".execute-api." + template.region()
                    + "." + Partitions.urlSuffix(template.region());
        }
        if (resource.type().startsWith(ResourceTypes.API_GATEWAY_V2_PREFIX) && attribute.equals(resource.kind() + "Id")) {
            return ref(resource);
        }
        return switch (resource.type() + "." + attribute) {
            case "AWS::DynamoDB::Table.StreamArn" -> arn(resource) + "/stream/2026-01-01T00:00:00.000";
            case "AWS::SQS::Queue.QueueName", "AWS::SNS::Topic.TopicName" -> physicalName(resource);
            case "AWS::SQS::Queue.QueueUrl" -> ref(resource);
            case "AWS::SNS::Topic.TopicArn" -> arn(resource);
            default -> attribute.equals("Arn") ? arn(resource) : resource.logicalId() + "." + attribute;
        };
    }

    /**
     * Returns the resource among {@code candidates} that {@code id} names, either by what its {@code Ref} gives (as
     * {@code integrations/{id}} targets do) or by its logical id.
     */
    Optional<Resource> findById(String id, List<Resource> candidates) {
        return candidates.stream().filter(r -> ref(r).equals(id) || r.logicalId().equals(id)).findFirst();
    }

    /** Returns the function's {@code FunctionName}, or {@code {StackName}-{LogicalId}} when it has none. */
    String functionName(Resource function) {
        return physicalName(function);
    }

    /** Returns the ARN of the function named {@code name} in this template's region and account. */
    String functionArn(String name) {
        return "arn:" + partition() + ":lambda:" + template.region() + ":" + template.accountId() + ":function:" + name;
    }

    /** Returns the template region's partition: aws, aws-cn or aws-us-gov. */
    private String partition() {
        return Partitions.of(template.region());
    }

    /** Returns the 10-character id of the API with this logical id. */
    String apiId(String logicalId) {
        return hashId(template.stackName() + "/" + logicalId, 10);
    }

    /** Returns the 7-character id AWS would give an API Gateway child resource such as an integration. */
    String physicalId(Resource resource) {
        return hashId(template.stackName() + "/" + resource.type() + "/" + resource.logicalId(), 7);
    }

    private String physicalName(Resource resource) {
        return propertyText(resource, nameProperty(resource))
                .or(() -> propertyText(resource, "Name"))
                .orElse(template.stackName() + "-" + resource.logicalId());
    }

    private static String nameProperty(Resource resource) {
        if (resource.isFunction()) {
            return "FunctionName";
        }
        return resource.type().equals("AWS::Serverless::SimpleTable") ? "TableName" : resource.kind() + "Name";
    }

    private Optional<String> propertyText(Resource resource, String property) {
        Optional<Tree> raw = resource.properties().get(property);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String path = resource.propertyPath(property);
        if (!resolvingNames.add(path)) {
            throw template.source().error(raw.get(), path, "a value that does not refer back to " + resource.logicalId());
        }
        try {
            return intrinsics.resolve(raw.get(), path)
                    .filter(value -> value instanceof Tree.Scalar scalar && !scalar.isNull())
                    .map(value -> ((Tree.Scalar) value).text());
        } finally {
            resolvingNames.remove(path);
        }
    }

    private String arn(Resource resource) {
        String region = template.region();
        String account = template.accountId();
        String name = physicalName(resource);
        return switch (resource.type()) {
            case ResourceTypes.SERVERLESS_FUNCTION, ResourceTypes.LAMBDA_FUNCTION -> functionArn(name);
            case ResourceTypes.API -> "arn:" + partition() + ":apigateway:" + region + "::/apis/" + apiId(resource.logicalId());
            case "AWS::S3::Bucket" -> "arn:" + partition() + ":s3:::" + name;
            case "AWS::IAM::Role" -> "arn:" + partition() + ":iam::" + account + ":role/" + name;
            case "AWS::IAM::ManagedPolicy" -> "arn:" + partition() + ":iam::" + account + ":policy/" + name;
            case "AWS::IAM::User" -> "arn:" + partition() + ":iam::" + account + ":user/" + name;
            case "AWS::SQS::Queue", "AWS::SNS::Topic" -> "arn:" + partition() + ":" + service(resource) + ":" + region + ":" + account
                    + ":" + name;
            case "AWS::Logs::LogGroup" -> "arn:" + partition() + ":logs:" + region + ":" + account + ":log-group:" + name + ":*";
            case "AWS::DynamoDB::Table", "AWS::Serverless::SimpleTable" -> "arn:" + partition() + ":dynamodb:" + region + ":" + account
                    + ":table/" + name;
            case "AWS::StepFunctions::StateMachine", "AWS::Serverless::StateMachine" -> "arn:" + partition() + ":states:" + region
                    + ":" + account + ":stateMachine:" + name;
            default -> "arn:" + partition() + ":" + service(resource) + ":" + region + ":" + account + ":"
                    + resource.kind().toLowerCase(Locale.ROOT) + "/" + name;
        };
    }

    private static String service(Resource resource) {
        String[] parts = resource.type().split("::");
        return parts.length > 1 ? parts[1].toLowerCase(Locale.ROOT) : "cloudformation";
    }

    static String hashId(String seed, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            StringBuilder id = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                id.append(ID_ALPHABET.charAt((digest[i] & 0xff) % ID_ALPHABET.length()));
            }
            return id.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}

package io.socketway.functions;

import static io.socketway.functions.FunctionsExtension.invoke;
import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.FunctionDefinition;
import io.socketway.api.spi.DeployedFunction;
import io.socketway.functions.testing.HandlerJarBuilder;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Checks the runtime against a real bundled library: the AWS SDK v2 reads region and credentials from the env. */
@Timeout(60)
class BundledSdkTest {
    @RegisterExtension
    final FunctionsExtension functions = new FunctionsExtension();

    @TempDir
    Path temp;

    /** Returns the SDK jars and their dependencies from the test class path, as a function's build would bundle. */
    private static List<Path> sdkJars() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("/software/amazon/") || entry.contains("/org/reactivestreams/")
                        || entry.contains("/org/slf4j/slf4j-api/"))
                .map(Path::of)
                .toList();
    }

    @Test
    void sdkInTheFunctionSeesTheFunctionsRegionAndCredentials() {
        HandlerJarBuilder builder = HandlerJarBuilder.create().source("demo.SdkProbe", """
                package demo;
                import java.net.URI;
                import software.amazon.awssdk.auth.credentials.*;
                import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
                import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
                public class SdkProbe {
                    public String handle(Object input) {
                        AwsCredentials credentials = DefaultCredentialsProvider.builder().build().resolveCredentials();
                        String region = new DefaultAwsRegionProviderChain().getRegion().id();
                        try (ApiGatewayManagementApiClient client = ApiGatewayManagementApiClient.builder()
                                .endpointOverride(URI.create("http://127.0.0.1:9/prod")).build()) {
                            return region + "|" + credentials.accessKeyId() + "|" + client.serviceName();
                        }
                    }
                }""");
        sdkJars().forEach(builder::library);
        Path zip = builder.buildZip(temp.resolve("sdk.zip"));
        FunctionDefinition definition = FunctionsExtension.definition(
                "Sdk", "demo.SdkProbe::handle", zip, Map.of("AWS_REGION", "sa-east-1"));

        DeployedFunction function = functions.deploy(definition, FunctionsExtension.GATEWAY_ENV);

        assertThat(sdkJars()).isNotEmpty();
        assertThat(invoke(function, "{}")).isEqualTo("\"sa-east-1|AKIDGATEWAY|execute-api\"");
    }
}

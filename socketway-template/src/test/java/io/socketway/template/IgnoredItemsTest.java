package io.socketway.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.socketway.api.ApiDefinition;
import io.socketway.api.IgnoredItem;
import org.junit.jupiter.api.Test;

/** What the gateway does not run is listed once each and never fails the load. */
class IgnoredItemsTest {
    private final ApiDefinition api = Fixtures.load("ignored/template.yaml");

    @Test
    void listsEachResourceAndPropertyThatDoesNotApplyOnce() {
        assertThat(api.ignored()).extracting(IgnoredItem::path).containsExactlyInAnyOrder(
                "Rules",
                "Resources.Api.Properties.ApiKeySelectionExpression",
                "Resources.Integration.Properties.CredentialsArn",
                "Resources.Integration.Properties.ContentHandlingStrategy",
                "Globals.Api",
                "Globals.Function.Tracing",
                "Globals.Function.Layers",
                "Resources.First.Properties.Role",
                "Resources.First.Properties.Policies",
                "Resources.First.Properties.Architectures",
                "Resources.First.Properties.VpcConfig",
                "Resources.First.Properties.AutoPublishAlias",
                "Resources.First.Properties.DeploymentPreference",
                "Resources.First.Properties.Events",
                "Resources.Second.Properties.Policies",
                "Resources.Route.Properties.ApiKeyRequired",
                "Resources.Alarm",
                "Resources.Role",
                "Resources.Queue",
                "Resources.Layer",
                "Resources.Logs",
                "Resources.Storage",
                "Resources.Storage.Outputs.TableName",
                "Resources.Distribution");
    }

    @Test
    void explainsWhy() {
        assertThat(api.ignored()).contains(
                new IgnoredItem("Resources.Queue", "AWS::SQS::Queue is not run by Socketway"),
                new IgnoredItem("Resources.First.Properties.Policies", "IAM policies are not enforced by Socketway"),
                new IgnoredItem("Resources.Route.Properties.ApiKeyRequired",
                        "ApiKeyRequired of AWS::ApiGatewayV2::Route is not applied by Socketway"));
    }

    @Test
    void givesPlausibleValuesForReferencesToThem() {
        assertThat(api.outputs())
                .containsEntry("QueueUrl", "https://sqs.us-east-1.amazonaws.com/123456789012/jobs")
                .containsEntry("LogGroupArn",
                        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/ignored-First:*")
                .containsEntry("CdnDomain", "Distribution.DomainName")
                .containsEntry("NestedTable", "Storage.Outputs.TableName");
        assertThat(api.ignored()).filteredOn(item -> item.path().equals("Resources.Storage.Outputs.TableName"))
                .singleElement().extracting(IgnoredItem::reason).asString()
                .contains("outputs of a nested stack", "pass the value as a parameter");
    }
}

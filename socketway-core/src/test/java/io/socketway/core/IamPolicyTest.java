package io.socketway.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class IamPolicyTest {
    private static final String ARN = "arn:aws:execute-api:us-east-1:123456789012:abcde12345/dev/$connect";

    private static JsonNode policy(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }

    @Test
    void allowsMatchingStatementsWithWildcards() throws Exception {
        assertThat(IamPolicy.allows(policy("{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\","
                + "\"Resource\":\"" + ARN + "\"}}"), ARN)).isTrue();
        assertThat(IamPolicy.allows(policy("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"execute-api:*\"],"
                + "\"Resource\":[\"arn:aws:execute-api:*:*:abcde?2345/*\"]}]}"), ARN)).isTrue();
    }

    @Test
    void explicitDenyWinsAndNoMatchDenies() throws Exception {
        assertThat(IamPolicy.allows(policy("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"*\"},"
                + "{\"Effect\":\"Deny\",\"Action\":\"execute-api:Invoke\",\"Resource\":\"*/dev/*\"}]}"), ARN)).isFalse();
        assertThat(IamPolicy.allows(policy("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"execute-api:Invoke\","
                + "\"Resource\":\"arn:aws:execute-api:*:*:*/prod/*\"}]}"), ARN)).isFalse();
        assertThat(IamPolicy.allows(policy("{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
                + "\"Resource\":\"*\"}]}"), ARN)).isFalse();
        assertThat(IamPolicy.allows(policy("{}"), ARN)).isFalse();
    }

    @Test
    void wildcardsMatchLikeIam() {
        assertThat(IamPolicy.wildcard("a*c", "abbbc", false)).isTrue();
        assertThat(IamPolicy.wildcard("a?c", "abc", false)).isTrue();
        assertThat(IamPolicy.wildcard("a?c", "abbc", false)).isFalse();
        assertThat(IamPolicy.wildcard("*", "", false)).isTrue();
        assertThat(IamPolicy.wildcard("EXECUTE-API:invoke", "execute-api:Invoke", true)).isTrue();
        assertThat(IamPolicy.wildcard("abc", "abcd", false)).isFalse();
    }
}

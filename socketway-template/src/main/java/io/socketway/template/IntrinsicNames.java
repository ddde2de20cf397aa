package io.socketway.template;

import java.util.Set;
import java.util.TreeSet;

/** Names the intrinsic functions, in their long form ({@code Fn::Join}); the short form is {@code !Join}. */
final class IntrinsicNames {

    /** The functions the loader evaluates ({@code Fn::ImportValue} is known but always an error). */
    static final Set<String> SUPPORTED = Set.of(
            "Ref", "Condition", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::If", "Fn::Equals", "Fn::Not", "Fn::And",
            "Fn::Or", "Fn::Select", "Fn::Split", "Fn::FindInMap", "Fn::Base64", "Fn::GetAZs", "Fn::ImportValue",
            "Fn::ToJsonString", "Fn::Length");

    /**
     * CloudFormation functions the loader recognises but does not evaluate, among them those only valid in the
     * {@code Rules} section (such as the {@code Fn::Contains} in CDK's {@code CheckBootstrapVersion}), which is not
     * applied.
     */
    static final Set<String> UNSUPPORTED = Set.of("Fn::Cidr", "Fn::Transform", "Fn::ForEach", "Fn::Contains",
            "Fn::EachMemberEquals", "Fn::EachMemberIn", "Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll");

    private IntrinsicNames() {}

    /** Returns true when CloudFormation knows {@code name}. */
    static boolean isKnown(String name) {
        return SUPPORTED.contains(name) || UNSUPPORTED.contains(name);
    }

    /** Returns the long form of a short-form tag such as {@code !GetAtt}. */
    static String longForm(String tag) {
        String name = tag.substring(1);
        return name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name;
    }

    /** Lists the supported functions for an error message. */
    static String supportedList() {
        TreeSet<String> names = new TreeSet<>(SUPPORTED);
        names.remove("Fn::ImportValue");
        return String.join(", ", names);
    }
}

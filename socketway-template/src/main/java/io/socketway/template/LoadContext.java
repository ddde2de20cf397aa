package io.socketway.template;

import java.util.List;

/**
 * What every step of one load shares: the template, its evaluator and the list of ignored items. One per load; not
 * thread-safe.
 *
 * @param template the template as read
 * @param intrinsics evaluates intrinsic functions
 * @param ignored collects what the gateway does not run
 */
record LoadContext(Template template, Intrinsics intrinsics, IgnoredItems ignored) {

    /** Returns a new context for {@code template}. */
    static LoadContext of(Template template) {
        IgnoredItems ignored = new IgnoredItems();
        return new LoadContext(template, new Intrinsics(template, ignored), ignored);
    }

    /** Returns the source that builds errors. */
    Source source() {
        return template.source();
    }

    /** Returns the resource's properties. */
    Props props(Resource resource) {
        return Props.of(intrinsics, source(), resource);
    }

    /** Returns the resources of {@code type} whose {@code Condition} holds, in file order. */
    List<Resource> active(String type) {
        return template.resources().ofType(type).stream().filter(r -> intrinsics.conditions().isActive(r)).toList();
    }

    /** Returns every resource whose {@code Condition} holds, in file order. */
    List<Resource> active() {
        return template.resources().all().stream().filter(r -> intrinsics.conditions().isActive(r)).toList();
    }

    /** Returns the values of {@code Ref} and {@code Fn::GetAtt}. */
    References references() {
        return intrinsics.references();
    }
}

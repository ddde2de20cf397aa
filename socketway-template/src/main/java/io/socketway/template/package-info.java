/**
 * Reads a SAM or CloudFormation template (YAML or JSON) into an immutable {@link io.socketway.api.ApiDefinition}.
 *
 * <p>{@link io.socketway.template.TemplateLoader} is the entry point; every problem surfaces as a
 * {@link io.socketway.template.TemplateException} naming the file, line, path, value and what was expected.
 */
@NullMarked
package io.socketway.template;

import org.jspecify.annotations.NullMarked;

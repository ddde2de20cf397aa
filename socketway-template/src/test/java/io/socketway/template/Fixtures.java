package io.socketway.template;

import io.socketway.api.ApiDefinition;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Finds and loads the template fixtures under {@code src/test/resources}. */
final class Fixtures {
    private Fixtures() {}

    /** Returns the path of a fixture, for example {@code chat/template.yaml}. */
    static Path fixture(String name) {
        URL url = Fixtures.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads a fixture with default options. */
    static ApiDefinition load(String name) {
        return TemplateLoader.load(fixture(name), TemplateOptions.defaults());
    }

    /** Loads a fixture with these options. */
    static ApiDefinition load(String name, TemplateOptions options) {
        return TemplateLoader.load(fixture(name), options);
    }
}

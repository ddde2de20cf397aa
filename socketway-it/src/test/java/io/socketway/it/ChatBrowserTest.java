package io.socketway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socketway.it.HeadlessChromium.Page;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Proves that two real browser pages chat through the gateway: examples/chat/web/index.html, opened from disk in
 * Debian's headless Chromium and driven through its UI, talks to examples/chat served by a gateway on a free port.
 *
 * <p>The test fails (it never skips) when {@code /usr/bin/chromium} is missing; CI installs it.
 */
@Timeout(120)
class ChatBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Path PAGE = Path.of("../examples/chat/web/index.html");
    private static final String PAGE_STATE = "({status: document.getElementById('status')?.textContent,"
            + " online: document.getElementById('online')?.textContent,"
            + " log: document.getElementById('log')?.innerText})";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final TemplateGatewayExtension gateway = TemplateGatewayExtension.of(Path.of("../examples/chat/template.yaml"));

    @Test
    void twoPagesJoinAndOneSeesTheOthersMessage() throws Exception {
        assertThat(Files.isExecutable(HeadlessChromium.BINARY))
                .withFailMessage("%s is missing: install Debian's chromium (apt-get install -y chromium); "
                        + "CI and ./run-tests install it. This test fails rather than skips.", HeadlessChromium.BINARY)
                .isTrue();
        try (HeadlessChromium chromium = HeadlessChromium.launch(WAIT)) {
            Page ann = openChat(chromium);
            Page bob = openChat(chromium);

            join(ann, "ann");
            join(bob, "bob");
            ann.awaitTrue("document.getElementById('online').textContent.includes('bob')", WAIT,
                    "page A to list bob as online", PAGE_STATE);

            ann.evaluate("document.getElementById('text').value = " + js("hello from ann")
                    + "; document.getElementById('send').click(); true");
            bob.awaitTrue("document.getElementById('log').innerText.includes('ann: hello from ann')", WAIT,
                    "page B's log to show ann's message", PAGE_STATE);
            ann.awaitTrue("document.getElementById('log').innerText.includes('ann: hello from ann')", WAIT,
                    "page A's log to show its own message too", PAGE_STATE);
        }
    }

    private Page openChat(HeadlessChromium chromium) {
        String url = PAGE.toAbsolutePath().normalize().toUri() + "?ws="
                + URLEncoder.encode(gateway.webSocketUrl("dev").toString(), StandardCharsets.UTF_8);
        Page page = chromium.open(url);
        page.awaitTrue("document.readyState === 'complete' && document.getElementById('join') !== null", WAIT,
                "the chat page to load from " + url, "location.href");
        return page;
    }

    private static void join(Page page, String name) throws JsonProcessingException {
        page.evaluate("document.getElementById('name').value = " + js(name)
                + "; document.getElementById('join').click(); true");
        page.awaitTrue("document.getElementById('status').dataset.state === 'joined'", WAIT,
                "the page to show it joined as " + name, PAGE_STATE);
    }

    private static String js(String value) throws JsonProcessingException {
        return JSON.writeValueAsString(value);
    }
}

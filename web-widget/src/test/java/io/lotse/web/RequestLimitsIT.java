package io.lotse.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Input that is too large, of the wrong shape, or refused by the servlet container itself: every
 * answer is the product's error JSON, and nothing is stored.
 */
class RequestLimitsIT extends AppIT {

    private static final String ERIK = "Basic " + Base64.getEncoder().encodeToString("erik:erik-secret".getBytes(StandardCharsets.UTF_8));

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        // 25 MB announced, a few bytes sent: the answer comes without the server waiting for the rest.
        RawResponse announced = raw("POST /api/articles HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + ERIK
                + "\r\nContent-Type: application/json\r\nContent-Length: 26214400\r\n\r\n{\"id\":");
        assertThat(announced.status()).isEqualTo(413);
        assertThat(announced.json().path("code").asString()).isEqualTo("payload_too_large");

        // Without a length (chunked), the body is cut off once it passes the limit.
        byte[] big = ("{\"id\":\"t-en-huge\",\"locale\":\"en\",\"title\":\"Huge\",\"body\":\"" + "a".repeat(1_500_000) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        Api.Response chunked = api().send(api().request("/api/articles", "erik").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.json().path("code").asString()).isEqualTo("payload_too_large");
        assertThat(api().get("/api/articles/t-en-huge", "erik").status()).isEqualTo(404);
    }

    @Test
    void jsonBodiesAreReadStrictly() {
        Api api = api();
        record Case(String path, String method, String body, String code) {}
        for (Case c : List.of(
                new Case("/api/agent/conversations/x/messages", "POST", "{\"text\":5}", "invalid_request"),
                new Case("/api/agent/conversations/x/messages", "POST", "{\"text\":true}", "invalid_request"),
                new Case("/api/agent/conversations/x/messages", "POST", "{\"text\":\"a\",\"text\":\"b\"}", "invalid_json"),
                new Case("/api/agent/conversations/x/messages", "POST", "{\"text\":\"hi\",\"urgent\":true}", "invalid_request"),
                new Case("/api/agent/conversations/x/notes", "POST", "{\"text\":\"" + "n".repeat(2001) + "\"}", "message_too_long"),
                new Case("/api/agent/conversations/x/notes", "POST", "{\"text\":\"  \"}", "invalid_request"),
                new Case("/api/agent/conversations/x/transfer", "POST", "{\"team\":\"technik\",\"note\":\"" + "n".repeat(2001) + "\"}", "message_too_long"),
                new Case("/api/agent/presence", "PUT", "{\"status\":1}", "invalid_request"),
                new Case("/api/agent/replies", "POST", "{\"title\":\"t\",\"text\":\"x\",\"locale\":\"en\",\"colour\":\"red\"}", "invalid_request"))) {
            Api.Response response = c.method().equals("PUT") ? api.put(c.path(), "anna", c.body()) : api.post(c.path(), "anna", c.body());
            assertThat(response.status()).as(c.body()).isEqualTo(400);
            assertThat(response.json().path("code").asString()).as(c.body()).isEqualTo(c.code());
            assertThat(response.json().path("message").asString()).as(c.body()).isNotBlank().doesNotContain("tools.jackson");
        }
        Api.Response unknownField = api.post("/api/agent/conversations/x/messages", "anna", "{\"text\":\"hi\",\"urgent\":true}");
        assertThat(unknownField.json().path("message").asString()).contains("urgent");

        Api.Response listAsText = api.post("/api/articles", "erik",
                "{\"id\":\"t-en-strict\",\"locale\":\"en\",\"title\":\"Strict\",\"questions\":\"one\",\"type\":\"faq\",\"body\":\"b\"}");
        assertThat(listAsText.status()).isEqualTo(400);
        assertThat(api.get("/api/articles/t-en-strict", "erik").status()).isEqualTo(404);
    }

    @Test
    void chatFramesAreReadStrictlyButMayCarryNewFields() {
        try (ChatClient customer = connect("lang=en")) {
            JsonNode welcome = customer.next("welcome");
            assertThat(welcome.path("maxLength").asInt()).isEqualTo(2000);
            String id = welcome.path("conversationId").asString();

            customer.sendRaw("{\"type\":\"message\",\"id\":\"d-1\",\"text\":\"hello\",\"text\":\"other\"}");
            assertThat(customer.next("error").path("code").asString()).isEqualTo("invalid_json");
            customer.sendRaw("{\"type\":\"rating\",\"score\":\"5\"}");
            assertThat(customer.next("error").path("code").asString()).isEqualTo("invalid_rating");
            assertThat(customer.drain()).isEmpty();
            assertThat(api().get("/api/agent/conversations/" + id, "anna").json().path("frames").size()).isZero();

            customer.send(Map.of("type", "message", "id", "n-1", "text", "How long does shipping take?", "sentiment", "curious"));
            assertThat(customer.next("customer").path("id").asString()).isEqualTo("n-1");
        }
    }

    @Test
    void requestsTheContainerRefusesGetErrorJsonToo() throws IOException {
        for (String target : List.of("/api/articles/..%2F..%2Fetc", "/api/articles/%00", "/api/articles/%zz", "/help/%2e%2e/%2e%2e/etc/passwd",
                "/help/../../etc/passwd", "/api/articles/" + "x".repeat(10_000), "/api/articles/a;jsessionid=x/..;/..;/etc")) {
            RawResponse response = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + ERIK + "\r\n\r\n");
            assertThat(response.status()).as(target).isEqualTo(400);
            assertThat(response.contentType()).as(target).startsWith("application/json");
            assertThat(response.json().path("code").asString()).as(target).isEqualTo("invalid_request");
            assertThat(response.body()).as(target).doesNotContain("<html").doesNotContain("Tomcat").doesNotContain("Exception");
        }
        RawResponse hugeHeader = raw("GET /api/me HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "p".repeat(20_000) + "\r\n\r\n");
        assertThat(hugeHeader.status()).isEqualTo(400);
        assertThat(hugeHeader.contentType()).startsWith("application/json");
        assertThat(hugeHeader.json().path("code").asString()).isEqualTo("invalid_request");
    }

    /** A status line, headers and body as the server sent them over a socket, not normalised by a client. */
    record RawResponse(int status, String head, String body) {
        String contentType() {
            return head.lines().filter(l -> l.toLowerCase().startsWith("content-type:")).map(l -> l.substring(13).strip()).findFirst().orElse("");
        }

        JsonNode json() {
            return Api.JSON.readTree(body);
        }
    }

    private RawResponse raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = readResponse(in);
            int headEnd = response.indexOf("\r\n\r\n");
            String head = response.substring(0, headEnd);
            String body = response.substring(headEnd + 4);
            if (head.toLowerCase().contains("transfer-encoding: chunked")) {
                body = unchunk(body);
            }
            return new RawResponse(Integer.parseInt(head.substring(9, 12)), head, body);
        }
    }

    /** Reads until the head is complete and the body is whole (by Content-Length or the last chunk) or the server closes. */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        while (true) {
            String sofar = text.toString();
            int headEnd = sofar.indexOf("\r\n\r\n");
            if (headEnd >= 0) {
                String head = sofar.substring(0, headEnd).toLowerCase();
                int length = head.lines().filter(l -> l.startsWith("content-length:")).map(l -> Integer.parseInt(l.substring(15).strip()))
                        .findFirst().orElse(-1);
                if (length >= 0 && sofar.length() - headEnd - 4 >= length) {
                    return sofar;
                }
                if (head.contains("transfer-encoding: chunked") && sofar.endsWith("0\r\n\r\n")) {
                    return sofar;
                }
            }
            int read;
            try {
                read = in.read(buffer);
            } catch (java.net.SocketException e) {
                return sofar; // the server closed after answering
            }
            if (read < 0) {
                return sofar;
            }
            text.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
        }
    }

    private static String unchunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}

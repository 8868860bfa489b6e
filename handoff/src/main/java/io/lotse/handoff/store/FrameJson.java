package io.lotse.handoff.store;

import io.lotse.handoff.Frame;
import io.lotse.handoff.Note;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Frames as JSON text: built here in two parts that the scripts join around {@code "seq":n}, so
 * that {@code seq} follows {@code type} and is decided where the frame is stored.
 *
 * <p>One of the module's internals, public only for the handoff's feature packages.
 */
public final class FrameJson {

    /** The JSON before {@code ,"seq":n} ({@code {"type":"…"}) and after it (the other fields and {@code }}). */
    public record Parts(String head, String tail) {}

    private static final String TYPE_PREFIX = "{\"type\":\"";

    private final JsonMapper json = new JsonMapper();

    /** The frame of the given type with the components of a record of {@link Frames} as its fields, then {@code ts}. */
    public Parts parts(String type, Record fields, Instant ts) {
        Map<String, Object> map = new LinkedHashMap<>();
        json.valueToTree(fields).properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        return parts(type, map, ts);
    }

    /** The frame of the given type with these fields (in their order), then {@code ts}. */
    public Parts parts(String type, Map<String, ?> fields, Instant ts) {
        Map<String, Object> rest = new LinkedHashMap<>(fields);
        rest.remove("type");
        rest.remove("seq");
        rest.remove("ts");
        rest.put("ts", ts.toString());
        String body = json.writeValueAsString(rest);
        return new Parts("{\"type\":" + json.writeValueAsString(type), "," + body.substring(1));
    }

    /** A stored note with its number and place read from it. */
    public Note note(String stored) {
        JsonNode node = json.readTree(stored);
        return new Note(node.path("number").asLong(), node.path("afterSeq").asLong(), stored);
    }

    /** A stored frame, with the seq written in it. */
    public Frame frame(String frame) {
        JsonNode node = json.readTree(frame);
        return new Frame(node.path("seq").asLong(), node.path("type").asString(), frame);
    }

    /** When a stored frame was stored ({@code ts}), or {@code null} if it holds no readable time. */
    public Instant ts(String frame) {
        String ts = json.readTree(frame).path("ts").asString(null);
        try {
            return ts == null ? null : Instant.parse(ts);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The frame as stored with this seq: what the scripts join, here for a frame the caller knows was stored so. */
    public static String joined(Parts parts, long seq) {
        return parts.head() + ",\"seq\":" + seq + parts.tail();
    }

    /**
     * The {@code type} of a stored frame. Every frame starts with it ({@code {"type":"…"}), so it is
     * read from there without parsing the rest; only an unusual type (with an escape) is parsed.
     */
    public String type(String frame) {
        if (frame.startsWith(TYPE_PREFIX)) {
            int end = frame.indexOf('"', TYPE_PREFIX.length());
            if (end > 0 && frame.lastIndexOf('\\', end) < TYPE_PREFIX.length()) {
                return frame.substring(TYPE_PREFIX.length(), end);
            }
        }
        return json.readTree(frame).path("type").asString();
    }
}

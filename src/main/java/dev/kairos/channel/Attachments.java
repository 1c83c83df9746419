package dev.kairos.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves the files a Telegram message carries (a document, a photo) under the workspace, at
 * {@code attachments/telegram/CHAT/MESSAGE-NAME}, through getFile and the file download; what cannot be saved (too
 * large, a voice message, a failed download) is noted instead, so the agent knows it was there.
 */
final class Attachments {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final List<String> NOT_SAVED = List.of("voice", "audio", "video", "video_note", "sticker",
            "animation", "contact", "location", "poll");

    private final BotApi api;
    private final Path dir;

    Attachments(BotApi api, Path dir) {
        this.api = api;
        this.dir = dir;
    }

    /** Paths of the files saved, and notes for those that were not. */
    List<String> save(JsonNode message, String chat, String messageId) throws InterruptedException {
        List<String> out = new ArrayList<>();
        JsonNode document = message.path("document");
        if (document.hasNonNull("file_id")) {
            out.add(fetch(document, chat, messageId, document.path("file_name").asText("document")));
        }
        JsonNode photos = message.path("photo");
        if (photos.isArray() && !photos.isEmpty()) { // sizes of one photo, the largest last
            out.add(fetch(photos.get(photos.size() - 1), chat, messageId, "photo.jpg"));
        }
        for (String kind : NOT_SAVED) {
            if (message.hasNonNull(kind)) out.add("(a " + kind.replace('_', ' ') + ", not saved)");
        }
        return out;
    }

    private String fetch(JsonNode file, String chat, String messageId, String name) throws InterruptedException {
        String shown = safe(name);
        if (file.path("file_size").asLong(0) > BotApi.MAX_FILE_BYTES) {
            return "(" + shown + ": larger than 20 MB, not saved)";
        }
        try {
            JsonNode found = api.call("getFile", Json.object().put("file_id", file.get("file_id").asText()), TIMEOUT);
            if (!found.hasNonNull("file_path")) return "(" + shown + ": Telegram gave no file to download)";
            byte[] bytes = api.download(found.get("file_path").asText(), TIMEOUT);
            Path target = dir.resolve(safe(chat)).resolve(safe(messageId) + "-" + shown);
            Files.createDirectories(target.getParent());
            Files.write(target, bytes);
            return target.toString();
        } catch (BotApi.Failure e) {
            return "(" + shown + ": not saved, " + e.getMessage() + ")";
        } catch (IOException e) {
            return "(" + shown + ": not saved, " + e.getMessage() + ")";
        }
    }

    /** A name that stays one file inside its folder, whatever the sender called it. */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[.]+", "_");
        if (s.isEmpty()) s = "file";
        return s.length() > 100 ? s.substring(s.length() - 100) : s;
    }
}

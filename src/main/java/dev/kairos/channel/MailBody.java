package dev.kairos.channel;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The text and files of a mail: its first text/plain part (else its HTML with the tags taken out), and each part
 * with a file name saved under the workspace at {@code attachments/email/MAIL/NAME}, up to {@link #MAX_FILE_BYTES};
 * a larger one is noted instead, so the agent knows it was there.
 */
record MailBody(String text, List<String> attachments) {
    static final long MAX_FILE_BYTES = 20L * 1024 * 1024;
    /** Longer texts are cut here: a mail is read by a model with a window, not archived. */
    static final int MAX_CHARS = 50_000;

    /** Reads {@code mail}; its files go under {@code dir} in a folder named for {@code mailName}. */
    static MailBody of(Part mail, Path dir, String mailName) throws MessagingException {
        StringBuilder plain = new StringBuilder();
        StringBuilder html = new StringBuilder();
        List<String> files = new ArrayList<>();
        walk(mail, plain, html, files, dir.resolve(Attachments.safe(mailName)));
        String text = !plain.isEmpty() ? plain.toString()
                : html.toString().replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", "").replaceAll("<[^>]+>", "")
                        .replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        text = text.replace("\r\n", "\n").strip();
        if (text.length() > MAX_CHARS) text = text.substring(0, MAX_CHARS) + "\n[… cut: the mail is longer]";
        return new MailBody(text, files);
    }

    private static void walk(Part part, StringBuilder plain, StringBuilder html, List<String> files, Path dir)
            throws MessagingException {
        try {
            String name = part.getFileName();
            if (name != null || Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                files.add(save(part, name == null ? "attachment" : name, dir));
            } else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart mp) {
                for (int i = 0; i < mp.getCount(); i++) {
                    BodyPart p = mp.getBodyPart(i);
                    walk(p, plain, html, files, dir);
                }
            } else if (part.isMimeType("text/plain") && plain.isEmpty()) {
                plain.append(part.getContent());
            } else if (part.isMimeType("text/html") && html.isEmpty()) {
                html.append(part.getContent());
            }
        } catch (IOException e) {
            files.add("(a part that could not be read: " + e.getMessage() + ")");
        }
    }

    private static String save(Part part, String name, Path dir) throws MessagingException {
        String shown = Attachments.safe(name);
        Path target = dir.resolve(shown);
        try (InputStream in = part.getInputStream()) {
            Files.createDirectories(dir);
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) return "(" + shown + ": larger than 20 MB, not saved)";
            Files.write(target, bytes);
            return target.toString();
        } catch (IOException e) {
            return "(" + shown + ": not saved, " + e.getMessage() + ")";
        }
    }
}

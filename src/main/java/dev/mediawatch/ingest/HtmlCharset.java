package dev.mediawatch.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Picks the charset of an HTML page: BOM, then the header, then a meta tag, then a guess from the bytes. */
final class HtmlCharset {

    private static final Pattern HEADER_CHARSET = Pattern.compile("(?i)charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)");
    private static final Pattern META_CHARSET =
            Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)");

    private HtmlCharset() {
    }

    static Charset detect(byte[] html, String contentType) {
        if (html.length >= 3 && (html[0] & 0xff) == 0xEF && (html[1] & 0xff) == 0xBB && (html[2] & 0xff) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        Charset charset = contentType == null ? null : find(HEADER_CHARSET, contentType);
        if (charset == null) {
            charset = find(META_CHARSET, new String(html, 0, Math.min(html.length, 4096), StandardCharsets.ISO_8859_1));
        }
        if (charset != null) return charset;
        // windows-1252 is what browsers assume for unlabelled pages that are not valid UTF-8
        return isValidUtf8(html) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
    }

    private static Charset find(Pattern p, String s) {
        Matcher m = p.matcher(s);
        if (!m.find()) return null;
        try {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            // per the HTML spec, pages labelled latin-1 are decoded as windows-1252
            return Charset.forName(name.equals("iso-8859-1") || name.equals("latin1") ? "windows-1252" : name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}

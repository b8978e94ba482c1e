package dev.mediawatch.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Entities;

/**
 * Turns the bytes real feeds are served as into well-formed XML text: decoding with the charset the document itself
 * declares, cutting junk before the root, and mending the entity mistakes publishers make. A DOCTYPE is refused
 * outright, so neither external entities (XXE) nor entity expansion (billion laughs) can ever reach the parser.
 */
final class XmlRepair {

    private static final Pattern PROLOG_ENCODING =
            Pattern.compile("<\\?xml[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]+)[\"']");
    private static final Pattern CHARSET_PARAM = Pattern.compile("(?i)charset\\s*=\\s*\"?([A-Za-z0-9._:-]+)");
    private static final Pattern ROOT = Pattern.compile("<(\\?xml|rss|feed|rdf:RDF|RDF|channel)[\\s>/]");
    private static final Pattern DOCTYPE = Pattern.compile("(?i)<!DOCTYPE|<!ENTITY");
    private static final Pattern ROOT_ELEMENT = Pattern.compile("<(rss|feed|rdf:RDF|RDF|channel)[\\s>/]");
    private static final Pattern AMPERSAND = Pattern.compile("&(#[0-9]+;|#[xX][0-9a-fA-F]+;|([A-Za-z][A-Za-z0-9]*);)?");

    private XmlRepair() {
    }

    static String repair(byte[] body, String contentType) throws FeedParseException {
        String text = decode(body, contentType);
        text = cutBeforeRoot(text);
        if (DOCTYPE.matcher(prologOf(text)).find()) {
            throw new FeedParseException("feed declares a DOCTYPE or ENTITY; refused");
        }
        return fixEntitiesOutsideCdata(text);
    }

    /** BOM first, then the prolog's encoding (it travels with the bytes), then the header, then UTF-8. */
    static String decode(byte[] body, String contentType) {
        if (startsWith(body, 0xEF, 0xBB, 0xBF)) return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        if (startsWith(body, 0xFE, 0xFF)) return new String(body, 2, body.length - 2, StandardCharsets.UTF_16BE);
        if (startsWith(body, 0xFF, 0xFE)) return new String(body, 2, body.length - 2, StandardCharsets.UTF_16LE);
        String head = new String(body, 0, Math.min(body.length, 2048), StandardCharsets.ISO_8859_1);
        Charset charset = charsetOf(PROLOG_ENCODING.matcher(head));
        if (charset == null && contentType != null) charset = charsetOf(CHARSET_PARAM.matcher(contentType));
        return new String(body, charset == null ? StandardCharsets.UTF_8 : charset);
    }

    private static Charset charsetOf(Matcher m) {
        if (!m.find()) return null;
        try {
            return Charset.forName(m.group(1).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) return false;
        }
        return true;
    }

    /** The part before the root element: the only place a DTD can be (one in CDATA is just text). */
    private static String prologOf(String text) {
        Matcher m = ROOT_ELEMENT.matcher(text);
        return m.find() ? text.substring(0, m.start()) : text;
    }

    /** Drops PHP warnings, whitespace and a stray BOM that some servers emit before the XML starts. */
    private static String cutBeforeRoot(String text) throws FeedParseException {
        Matcher m = ROOT.matcher(text);
        if (!m.find()) throw new FeedParseException("no RSS, RDF or Atom root element found");
        return text.substring(m.start());
    }

    private static String fixEntitiesOutsideCdata(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        int from = 0;
        while (from < text.length()) {
            int cdata = text.indexOf("<![CDATA[", from);
            int end = cdata < 0 ? -1 : text.indexOf("]]>", cdata);
            if (cdata < 0 || end < 0) {
                out.append(fixEntities(text.substring(from)));
                break;
            }
            out.append(fixEntities(text.substring(from, cdata))).append(text, cdata, end + 3);
            from = end + 3;
        }
        return out.toString();
    }

    /** HTML named entities become numeric references; bare ampersands and unknown names become {@code &amp;}. */
    static String fixEntities(String text) {
        Matcher m = AMPERSAND.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement(m)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String replacement(Matcher m) {
        if (m.group(1) == null) return "&amp;";
        String name = m.group(2);
        if (name == null || isXmlEntity(name)) return m.group();
        String value = Entities.isNamedEntity(name) ? Entities.getByName(name) : "";
        if (value.isEmpty()) return "&amp;" + name + ";";
        StringBuilder refs = new StringBuilder();
        value.codePoints().forEach(cp -> refs.append("&#").append(cp).append(';'));
        return refs.toString();
    }

    private static boolean isXmlEntity(String name) {
        return name.equals("amp") || name.equals("lt") || name.equals("gt") || name.equals("quot")
                || name.equals("apos");
    }
}

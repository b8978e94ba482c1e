package dev.mediawatch.ingest;

import dev.mediawatch.config.Durations;
import dev.mediawatch.model.FeedSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.text.Normalizer;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * OPML subscription lists, as feed readers (Feedly, Inoreader, FreshRSS, Miniflux, NetNewsWire)
 * import and export them. Reading: every {@code outline} with an {@code xmlUrl}, at any depth
 * (folders are flattened); {@code title}, else {@code text}, names the outlet. Writing: OPML 2.0,
 * one {@code outline type="rss"} per feed with {@code text}, {@code title}, {@code xmlUrl} and
 * {@code htmlUrl}; the feed's id and interval go in attributes of mediawatch's own namespace, which
 * other readers ignore and which make a round trip exact. DOCTYPEs are refused, as in feeds.
 */
public final class Opml {
    public static final String NAMESPACE = "https://mediawatch.dev/opml";
    private static final Pattern FEED_ID = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern NOT_SLUG = Pattern.compile("[^a-z0-9]+");
    private static final int MAX_ID_LENGTH = 60;

    private Opml() {
    }

    /** One feed outline as read, before an id is chosen for it. */
    public record Outline(String id, String xmlUrl, String htmlUrl, String title, Duration interval) {
    }

    /** Thrown for a document that is not OPML, with what is wrong. */
    public static final class OpmlException extends Exception {
        public OpmlException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Every feed outline of the document, in document order, folders flattened. */
    public static List<Outline> read(byte[] xml) throws OpmlException {
        Document doc = parse(xml);
        Element root = doc.getDocumentElement();
        if (!"opml".equals(root.getLocalName() == null ? root.getTagName() : root.getLocalName())) {
            throw new OpmlException("not OPML: the root element is <" + root.getTagName() + ">", null);
        }
        List<Outline> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    /**
     * Feeds for the outlines: an outline's own mediawatch id where it has one, else a slug of its
     * title (else its URL's host and path), made unique against {@code taken}, which it extends.
     * Outlines that are not http(s) URLs are skipped.
     */
    public static List<FeedSource> toFeeds(List<Outline> outlines, Set<String> taken) {
        List<FeedSource> feeds = new ArrayList<>();
        for (Outline o : outlines) {
            URI uri;
            try {
                uri = URI.create(o.xmlUrl().trim());
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (!isHttp(uri)) continue;
            String base = o.id() != null && FEED_ID.matcher(o.id()).matches() ? o.id() : slug(o, uri);
            String id = unique(base, taken);
            feeds.add(new FeedSource(id, uri.toString(), o.title(), o.interval(), o.htmlUrl()));
        }
        return feeds;
    }

    /** The feeds as an OPML 2.0 document, sorted by id. */
    public static String write(List<FeedSource> feeds, String title, ZonedDateTime created) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            w.writeStartDocument("UTF-8", "1.0");
            w.writeCharacters("\n");
            w.writeStartElement("opml");
            w.writeAttribute("version", "2.0");
            w.writeNamespace("mediawatch", NAMESPACE);
            w.writeCharacters("\n  ");
            w.writeStartElement("head");
            element(w, "title", title);
            element(w, "dateCreated", DateTimeFormatter.RFC_1123_DATE_TIME.format(created.withZoneSameInstant(ZoneOffset.UTC)));
            w.writeEndElement();
            w.writeCharacters("\n  ");
            w.writeStartElement("body");
            for (FeedSource f : feeds.stream().sorted(Comparator.comparing(FeedSource::id)).toList()) {
                w.writeCharacters("\n    ");
                w.writeEmptyElement("outline");
                w.writeAttribute("type", "rss");
                w.writeAttribute("text", f.outlet());
                w.writeAttribute("title", f.outlet());
                w.writeAttribute("xmlUrl", f.url());
                if (f.siteUrl() != null) w.writeAttribute("htmlUrl", f.siteUrl());
                w.writeAttribute("mediawatch", NAMESPACE, "id", f.id());
                if (f.interval() != null) w.writeAttribute("mediawatch", NAMESPACE, "interval", Durations.format(f.interval()));
            }
            w.writeCharacters("\n  ");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndElement();
            w.writeCharacters("\n");
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write OPML", e);
        }
        return text.toString();
    }

    private static void element(XMLStreamWriter w, String name, String value) throws XMLStreamException {
        w.writeCharacters("\n    ");
        w.writeStartElement(name);
        w.writeCharacters(value);
        w.writeEndElement();
    }

    private static void collect(Element parent, List<Outline> out) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) continue;
            String name = e.getLocalName() == null ? e.getTagName() : e.getLocalName();
            if (name.equals("outline")) {
                String xmlUrl = attr(e, "xmlUrl");
                if (xmlUrl == null) xmlUrl = attr(e, "xmlurl"); // some exporters lower-case it
                if (xmlUrl != null) {
                    String title = attr(e, "title") != null ? attr(e, "title") : attr(e, "text");
                    out.add(new Outline(nsAttr(e, "id"), xmlUrl, attr(e, "htmlUrl"), title, interval(nsAttr(e, "interval"))));
                }
            }
            if (name.equals("outline") || name.equals("body")) collect(e, out);
        }
    }

    private static Duration interval(String text) {
        if (text == null) return null;
        try {
            Duration d = Durations.parse(text);
            return d.isNegative() || d.isZero() ? null : d;
        } catch (IllegalArgumentException e) {
            return null; // a hand-edited interval we cannot read: the default applies
        }
    }

    private static String attr(Element e, String name) {
        String v = e.getAttribute(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String nsAttr(Element e, String name) {
        String v = e.getAttributeNS(NAMESPACE, name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String slug(Outline o, URI uri) {
        String source = o.title() != null ? o.title() : uri.getHost() + uri.getPath();
        String ascii = Normalizer.normalize(source, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String s = NOT_SLUG.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-").replaceAll("^-+|-+$", "");
        if (s.length() > MAX_ID_LENGTH) s = s.substring(0, MAX_ID_LENGTH).replaceAll("-+$", "");
        return s.isEmpty() ? "feed" : s;
    }

    private static String unique(String base, Set<String> taken) {
        String id = base;
        for (int i = 2; taken.contains(id); i++) id = base + "-" + i;
        taken.add(id);
        return id;
    }

    static boolean isHttp(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    private static Document parse(byte[] xml) throws OpmlException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // No DTDs at all: XXE and entity-expansion bombs have nothing to work with.
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // errors are thrown, not printed
            return b.parse(new ByteArrayInputStream(xml));
        } catch (SAXException e) {
            throw new OpmlException("not a readable OPML document: " + e.getMessage(), e);
        } catch (ParserConfigurationException | IOException e) {
            throw new OpmlException("cannot read OPML: " + e.getMessage(), e);
        }
    }

    /** The ids already in use, for {@link #toFeeds}. */
    public static Set<String> ids(List<FeedSource> feeds) {
        Set<String> ids = new HashSet<>();
        feeds.forEach(f -> ids.add(f.id()));
        return ids;
    }
}

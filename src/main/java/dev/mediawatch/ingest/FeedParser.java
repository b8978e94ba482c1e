package dev.mediawatch.ingest;

import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.xml.sax.InputSource;

/**
 * Parses RSS 0.9x/1.0/2.0 and Atom 0.3/1.0 with Rome, after {@link XmlRepair} has made the bytes well-formed and
 * refused any DOCTYPE. Lenient about what publishers get wrong, strict about what could harm us. Thread-safe.
 */
public final class FeedParser {

    public ParsedFeed parse(byte[] body, String contentType, URI base) throws FeedParseException {
        if (body == null || body.length == 0) throw new FeedParseException("empty body");
        String xml = XmlRepair.repair(body, contentType);
        SyndFeed feed = build(xml);
        List<FeedEntry> entries = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            entries.add(toEntry(entry, base));
        }
        return new ParsedFeed(plain(feed.getTitle()), entries);
    }

    private static SyndFeed build(String xml) throws FeedParseException {
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false); // the default, stated: Rome then sets disallow-doctype-decl on its parser
        input.setPreserveWireFeed(true); // to tell an RSS guid from the link Rome derives from it
        try {
            return input.build(new InputSource(new StringReader(xml)));
        } catch (FeedException | IllegalArgumentException e) {
            throw new FeedParseException("not a readable feed: " + e.getMessage(), e);
        }
    }

    private static FeedEntry toEntry(SyndEntry entry, URI base) {
        String guid = guidOf(entry);
        String link = resolve(base, rawLinkOf(entry));
        if (link == null && isHttpUrl(guid)) link = guid;
        String title = plain(entry.getTitle());
        String summary = plain(summaryOf(entry));
        Instant published = instant(entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate());
        String id = guid != null ? guid : link != null ? link : contentId(title, summary, published);
        return new FeedEntry(id, title, link, published, summary);
    }

    /** RSS: the guid element only (Rome would fall back to the link); Atom and RSS 1.0: the id / rdf:about. */
    private static String guidOf(SyndEntry entry) {
        if (entry.getWireEntry() instanceof Item item) {
            Guid guid = item.getGuid();
            if (guid != null) return blankToNull(guid.getValue());
            return item.getLink() == null || item.getUri() == null || item.getUri().equals(item.getLink())
                    ? null : blankToNull(item.getUri());
        }
        return blankToNull(entry.getUri());
    }

    /** RSS: the link element only (Rome would use a permalink guid, which may not be a URL at all). */
    private static String rawLinkOf(SyndEntry entry) {
        String link = entry.getWireEntry() instanceof Item item ? item.getLink() : entry.getLink();
        return blankToNull(link);
    }

    private static String summaryOf(SyndEntry entry) {
        SyndContent description = entry.getDescription();
        if (description != null && description.getValue() != null && !description.getValue().isBlank()) {
            return description.getValue();
        }
        return entry.getContents().isEmpty() ? null : entry.getContents().get(0).getValue();
    }

    private static String resolve(URI base, String link) {
        if (link == null) return null;
        try {
            URI uri = new URI(link.trim());
            return (base == null || uri.isAbsolute() ? uri : base.resolve(uri)).toString();
        } catch (Exception e) {
            return link.trim(); // an odd link is still better than none; the fetcher will judge it
        }
    }

    private static boolean isHttpUrl(String s) {
        if (s == null) return false;
        String lower = s.toLowerCase(Locale.ROOT);
        return (lower.startsWith("http://") || lower.startsWith("https://")) && !lower.contains(" ");
    }

    /** Titles and descriptions often carry HTML (escaped or in CDATA): the pipeline wants plain text. */
    static String plain(String htmlOrText) {
        if (htmlOrText == null || htmlOrText.isBlank()) return "";
        return Jsoup.parse(htmlOrText).text().trim();
    }

    /** Entries with neither guid nor link still need a stable id: derive it from what they say. */
    private static String contentId(String title, String summary, Instant published) {
        String basis = title + "\n" + summary + "\n" + published;
        return "urn:mediawatch:entry:" + ArticleIds.of(basis);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

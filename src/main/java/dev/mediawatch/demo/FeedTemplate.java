package dev.mediawatch.demo;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bundled feed's text cut into the part before its items, the items and the part after, so
 * the site can serve it with only some items present. Cutting the text (rather than a DOM round
 * trip) keeps the served bytes identical to the resource when every item is visible.
 */
final class FeedTemplate {

    /** One {@code <item>} (RSS) or {@code <entry>} (Atom), with the whitespace that precedes it. */
    record Item(String text, Instant published) {
        Item {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(published, "published");
        }
    }

    private static final Pattern ITEM = Pattern.compile("(?s)\\s*<(item|entry)\\b.*?</\\1>");
    private static final Pattern RSS_DATE = Pattern.compile("(?s)<pubDate>(.*?)</pubDate>");
    private static final Pattern ATOM_DATE = Pattern.compile("(?s)<(published|updated)>(.*?)</\\1>");

    private final String head;
    private final List<Item> items;
    private final String tail;

    private FeedTemplate(String head, List<Item> items, String tail) {
        this.head = head;
        this.items = List.copyOf(items);
        this.tail = tail;
    }

    /** Cuts {@code text}; {@code name} only labels error messages. */
    static FeedTemplate parse(String name, String text) {
        Matcher m = ITEM.matcher(text);
        List<Item> items = new ArrayList<>();
        int headEnd = -1;
        int last = 0;
        while (m.find()) {
            if (headEnd < 0) {
                headEnd = m.start();
            } else if (m.start() != last) {
                throw new IllegalArgumentException(name + ": text between items at offset " + last);
            }
            items.add(new Item(m.group(), published(name, m.group())));
            last = m.end();
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException(name + ": no <item> or <entry> found");
        }
        return new FeedTemplate(text.substring(0, headEnd), items, text.substring(last));
    }

    private static Instant published(String name, String item) {
        try {
            Matcher rss = RSS_DATE.matcher(item);
            if (rss.find()) {
                return ZonedDateTime.parse(rss.group(1).trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            }
            Matcher atom = ATOM_DATE.matcher(item);
            if (atom.find()) {
                return ZonedDateTime.parse(atom.group(2).trim()).toInstant();
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": unreadable item date: " + e.getParsedString(), e);
        }
        throw new IllegalArgumentException(name + ": item without <pubDate>, <published> or <updated>");
    }

    List<Item> items() {
        return items;
    }

    /** The feed with only the items whose index (in document order) passes {@code visible}. */
    String render(IntPredicate visible) {
        StringBuilder out = new StringBuilder(head.length() + tail.length() + items.size() * 512);
        out.append(head);
        for (int i = 0; i < items.size(); i++) {
            if (visible.test(i)) {
                out.append(items.get(i).text());
            }
        }
        return out.append(tail).toString();
    }
}

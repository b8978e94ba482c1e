package dev.mediawatch.enrich.query;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A document tokenised once, to be matched by many queries: per field, each folded word and its
 * positions, so phrase and NEAR checks are comparisons of positions rather than rescans of text.
 */
public final class DocumentTokens {

    private final Map<Field.Name, FieldView> views = new EnumMap<>(Field.Name.class);
    private IndexKeys indexKeys;

    private DocumentTokens(Document d) {
        views.put(Field.Name.TEXT, new FieldView.Builder(d.title().length() + d.text().length())
                .text(d.title()).text(d.text()).build(this));
        views.put(Field.Name.TITLE, new FieldView.Builder(d.title().length()).text(d.title()).build(this));
        views.put(Field.Name.OUTLET, new FieldView.Builder(d.outlet().length()).text(d.outlet()).build(this));
        views.put(Field.Name.ENTITY, keywords(d.entityIds()));
        views.put(Field.Name.CATEGORY, keywords(d.categories()));
    }

    public static DocumentTokens of(Document d) {
        return new DocumentTokens(d);
    }

    /** The words of one field; {@link Field.Name#TEXT} is title and body together. */
    public FieldView view(Field.Name name) {
        return views.get(name);
    }

    /**
     * The presearch keys this document offers ({@link Field.Name#indexKey}): its words, and field-tagged
     * words of the other fields, each once, with their {@link String#hashCode}s.
     */
    IndexKeys indexKeys() {
        if (indexKeys == null) {
            FieldView text = views.get(Field.Name.TEXT);
            int n = text.size();
            int textChars = text.charsFrom(n);
            int chars = textChars;
            for (Field.Name name : TAGGED) {
                FieldView view = views.get(name);
                n += view.size();
                chars += view.charsFrom(view.size()) + view.size() * (name.label().length() + 1);
            }
            char[] pool = new char[chars];
            int[] starts = new int[n + 1];
            int[] hashes = new int[n];
            System.arraycopy(text.chars(), 0, pool, 0, textChars);
            int k = 0;
            for (int id = 0; id < text.size(); id++, k++) {
                starts[k] = text.charsFrom(id);
                hashes[k] = text.hash(id);
            }
            int at = textChars;
            for (Field.Name name : TAGGED) {
                FieldView view = views.get(name);
                String tag = name.label() + ":";
                int tagHash = tag.hashCode();
                for (int id = 0; id < view.size(); id++, k++) {
                    starts[k] = at;
                    tag.getChars(0, tag.length(), pool, at);
                    at += tag.length();
                    int from = view.charsFrom(id), len = view.charsFrom(id + 1) - from;
                    System.arraycopy(view.chars(), from, pool, at, len);
                    at += len;
                    // hash of tag + word, as String#hashCode would compute it: tag's hash carried on
                    int h = tagHash;
                    for (int j = 0; j < len; j++) h = 31 * h + view.chars()[from + j];
                    hashes[k] = h;
                }
            }
            starts[n] = at;
            indexKeys = new IndexKeys(pool, starts, hashes);
        }
        return indexKeys;
    }

    private static final Field.Name[] TAGGED = {
        Field.Name.TITLE, Field.Name.OUTLET, Field.Name.ENTITY, Field.Name.CATEGORY
    };

    /**
     * Index keys ({@link Field.Name#indexKey}) in one char pool: key {@code i} is
     * {@code chars[starts[i]..starts[i + 1])}, its {@link String#hashCode} {@code hashes[i]}.
     */
    record IndexKeys(char[] chars, int[] starts, int[] hashes) {

        int size() {
            return hashes.length;
        }

        /** The keys as strings (for tests and messages; matching reads the pool). */
        List<String> keys() {
            List<String> out = new ArrayList<>(size());
            for (int i = 0; i < size(); i++) out.add(new String(chars, starts[i], starts[i + 1] - starts[i]));
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IndexKeys other && keys().equals(other.keys());
        }

        @Override
        public int hashCode() {
            return keys().hashCode();
        }

        @Override
        public String toString() {
            return keys().toString();
        }
    }

    private FieldView keywords(Set<String> values) {
        FieldView.Builder b = new FieldView.Builder(values.size() * 6);
        for (String v : values) b.keyword(Words.keyword(v, false));
        return b.build(this);
    }
}

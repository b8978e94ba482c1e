package dev.mediawatch.enrich.query;

import java.util.Arrays;
import java.util.EnumMap;
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
            for (Field.Name name : TAGGED) n += views.get(name).size();
            String[] keys = new String[n];
            int[] hashes = new int[n];
            int k = 0;
            for (int id = 0; id < text.size(); id++, k++) {
                keys[k] = text.word(id);
                hashes[k] = text.hash(id);
            }
            for (Field.Name name : TAGGED) {
                FieldView view = views.get(name);
                for (int id = 0; id < view.size(); id++, k++) {
                    keys[k] = name.indexKey(view.word(id));
                    hashes[k] = keys[k].hashCode();
                }
            }
            indexKeys = new IndexKeys(keys, hashes);
        }
        return indexKeys;
    }

    private static final Field.Name[] TAGGED = {
        Field.Name.TITLE, Field.Name.OUTLET, Field.Name.ENTITY, Field.Name.CATEGORY
    };

    /** Index keys and their hashes, in two parallel arrays. */
    record IndexKeys(String[] keys, int[] hashes) {

        int size() {
            return keys.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IndexKeys other && Arrays.equals(keys, other.keys);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(keys);
        }

        @Override
        public String toString() {
            return Arrays.toString(keys);
        }
    }

    private FieldView keywords(Set<String> values) {
        FieldView.Builder b = new FieldView.Builder(values.size() * 6);
        for (String v : values) b.keyword(Words.keyword(v, false));
        return b.build(this);
    }
}

package dev.mediawatch.enrich.query;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A document tokenised once, to be matched by many queries: per field, each folded word and its
 * positions, so phrase and NEAR checks are comparisons of positions rather than rescans of text.
 */
public final class DocumentTokens {

    private final Map<Field.Name, FieldView> views = new EnumMap<>(Field.Name.class);

    private DocumentTokens(Document d) {
        List<String> title = Words.of(d.title());
        views.put(Field.Name.TEXT, new FieldView(this, FieldView.index(List.of(title, Words.of(d.text())))));
        views.put(Field.Name.TITLE, new FieldView(this, FieldView.index(List.of(title))));
        views.put(Field.Name.OUTLET, new FieldView(this, FieldView.index(List.of(Words.of(d.outlet())))));
        views.put(Field.Name.ENTITY, new FieldView(this, keywords(d.entityIds())));
        views.put(Field.Name.CATEGORY, new FieldView(this, keywords(d.categories())));
    }

    public static DocumentTokens of(Document d) {
        return new DocumentTokens(d);
    }

    /** The words of one field; {@link Field.Name#TEXT} is title and body together. */
    public FieldView view(Field.Name name) {
        return views.get(name);
    }

    /** The presearch keys this document offers: its words, and field-tagged words of the other fields. */
    Set<String> indexKeys() {
        Set<String> keys = new HashSet<>(views.get(Field.Name.TEXT).words());
        for (Field.Name name : List.of(Field.Name.OUTLET, Field.Name.ENTITY, Field.Name.CATEGORY)) {
            for (String w : views.get(name).words()) keys.add(name.indexKey(w));
        }
        return keys;
    }

    private static Map<String, int[]> keywords(Set<String> values) {
        Map<String, int[]> out = new HashMap<>();
        for (String v : values) {
            String k = Words.keyword(v, false);
            if (!k.isEmpty()) out.put(k, new int[] {0});
        }
        return out;
    }
}

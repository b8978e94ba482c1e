package dev.mediawatch.enrich.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldViewTest {

    /** The words and positions the one-pass tokenizer finds, as the old way (fold, then split) finds them. */
    private static Map<String, List<Integer>> expected(String... texts) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        int pos = 0;
        for (String t : texts) {
            for (String w : Words.of(t)) out.computeIfAbsent(w, k -> new ArrayList<>()).add(pos++);
            pos++;
        }
        return out;
    }

    private static Map<String, List<Integer>> actual(FieldView view) {
        Map<String, List<Integer>> out = new LinkedHashMap<>();
        for (int id = 0; id < view.size(); id++) {
            String w = view.word(id);
            assertThat(view.hash(id)).isEqualTo(w.hashCode());
            List<Integer> ps = new ArrayList<>();
            for (int p : view.positions(w)) ps.add(p);
            out.put(w, ps);
        }
        return out;
    }

    private static FieldView text(String title, String body) {
        return DocumentTokens.of(new Document(title, body, "", Set.of(), Set.of())).view(Field.Name.TEXT);
    }

    @Test
    void splitsAndFoldsAsQueryWordsAre() {
        String title = "Abrego García’s “return”: MS-13, ﬁnal de\u00ADportation";
        String body = "The İstanbul court — and 13 judges — ruled on CECOT's 2025 transfers. Ñandú 東京 \uD83D\uDE00 naïve";
        assertThat(actual(text(title, body))).isEqualTo(expected(title, body));
        assertThat(actual(text(title, body))).containsKeys("garcia", "s", "final", "deportation", "istanbul", "nandu", "naive");
    }

    @Test
    void agreesWithFoldThenSplitOnRandomText() {
        String alphabet = "abcXYZ019 .,-'’“”—\u00AD\u200Béèñßﬁİı東\uD83D\uDE00\t\n";
        Random r = new Random(7);
        for (int round = 0; round < 2000; round++) {
            StringBuilder a = new StringBuilder(), b = new StringBuilder();
            for (int i = r.nextInt(30); i > 0; i--) a.appendCodePoint(alphabet.codePointAt(pick(r, alphabet)));
            for (int i = r.nextInt(80); i > 0; i--) b.appendCodePoint(alphabet.codePointAt(pick(r, alphabet)));
            assertThat(actual(text(a.toString(), b.toString()))).as("%s | %s", a, b)
                    .isEqualTo(expected(a.toString(), b.toString()));
        }
    }

    /** A random code point's char index in {@code s} (never the low half of a surrogate pair). */
    private static int pick(Random r, String s) {
        int i = r.nextInt(s.length());
        return Character.isLowSurrogate(s.charAt(i)) ? i - 1 : i;
    }

    @Test
    void keywordValuesAreWholeWordsAtPositionZeroOnce() {
        DocumentTokens d = DocumentTokens.of(new Document("", "", "", Set.of("abrego-garcia", "Abrego García", "cecot"), Set.of()));
        FieldView entities = d.view(Field.Name.ENTITY);
        assertThat(entities.size()).isEqualTo(2);
        assertThat(entities.positions("abrego-garcia")).containsExactly(0);
        assertThat(entities.contains("cecot")).isTrue();
        assertThat(entities.contains("abrego")).isFalse();
    }

    @Test
    void offersTitleWordsBareAndTagged() {
        DocumentTokens d = DocumentTokens.of(new Document("Judge rules", "the judge", "El Faro", Set.of("cecot"), Set.of("courts")));
        assertThat(d.indexKeys().keys()).containsExactlyInAnyOrder(
                "judge", "rules", "the", "title:judge", "title:rules", "outlet:el", "outlet:faro", "entity:cecot",
                "category:courts");
        List<String> keys = d.indexKeys().keys();
        for (int i = 0; i < keys.size(); i++) assertThat(d.indexKeys().hashes()[i]).isEqualTo(keys.get(i).hashCode());
    }
}

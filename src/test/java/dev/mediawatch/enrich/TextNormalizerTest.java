package dev.mediawatch.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void foldsAccentsAndCase() {
        assertThat(TextNormalizer.fold("Ábrego García")).isEqualTo("abrego garcia");
    }

    @Test
    void foldsEveryDashKindToSpace() {
        assertThat(TextNormalizer.fold("Abrego-Garcia")).isEqualTo("abrego garcia");
        assertThat(TextNormalizer.fold("a\u2010b\u2011c\u2013d\u2014e\u2212f")).isEqualTo("a b c d e f");
    }

    @Test
    void collapsesWhitespaceRunsAndLineBreaks() {
        assertThat(TextNormalizer.fold("  Abrego \n\t Garcia\u00A0 - x ")).isEqualTo("abrego garcia x");
    }

    @Test
    void foldsCurlyApostrophes() {
        assertThat(TextNormalizer.fold("Garcia\u2019s")).isEqualTo("garcia's");
    }

    @Test
    void dropsInvisibleFormatCharacters() {
        assertThat(TextNormalizer.fold("CE\u00ADCOT\u200B")).isEqualTo("cecot");
    }

    @Test
    void mapsEachFoldedCharBackToItsOrigin() {
        TextNormalizer.Normalized n = TextNormalizer.normalize("É  x\u2014Y");
        assertThat(n.text()).isEqualTo("e x y");
        assertThat(n.originalIndex()).containsExactly(0, 1, 3, 4, 5);
    }

    @Test
    void mapsDecomposedSupplementaryAndLigatureChars() {
        TextNormalizer.Normalized n = TextNormalizer.normalize("\uFB01n \uD835\uDC00");
        assertThat(n.text()).isEqualTo("fin a");
        assertThat(n.originalIndex()).containsExactly(0, 0, 1, 2, 3);
    }

    @Test
    void keepsCaseWhenAskedForCaseSensitiveChecks() {
        assertThat(TextNormalizer.foldKeepCase("ÍCE")).isEqualTo("ICE");
    }

    @Test
    void foldsEveryAsciiCharAsTheRulesSay() {
        for (char c = 0; c < 0x80; c++) {
            String expected;
            if (Character.isWhitespace(c) || c == '-') expected = "a b";
            else if (c == '`') expected = "a'b";
            else expected = "a" + Character.toLowerCase(c) + "b";
            assertThat(TextNormalizer.normalize("a" + c + "b").text()).as("char %d", (int) c).isEqualTo(expected);
            assertThat(TextNormalizer.normalize("a" + c + "b", false).text()).as("char %d, case kept", (int) c)
                    .isEqualTo(expected.equals("a b") || expected.equals("a'b") ? expected : "a" + c + "b");
        }
    }

    @Test
    void mapsFoldedCharsBackToTheOriginalInMixedText() {
        TextNormalizer.Normalized n = TextNormalizer.normalize("Ab  \u00C9c-D");

        assertThat(n.text()).isEqualTo("ab ec d");
        assertThat(n.originalIndex()).containsExactly(0, 1, 2, 4, 5, 6, 7);
    }
}

package dev.mediawatch.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SnippetsTest {

    @Test
    void collapseReplacesEachWhitespaceRunAsTheRegexDid() {
        Pattern whitespace = Pattern.compile("[\\s\\u00A0]+");
        String alphabet = "ab  \t\n\r\f\u000B\u00A0\u2003\u200B.";
        Random random = new Random(11);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            String s = b.toString();
            assertThat(Snippets.collapse(s)).as("%s", s.chars().boxed().toList())
                    .isEqualTo(whitespace.matcher(s).replaceAll(" "));
        }
        String plain = "no runs here";
        assertThat(Snippets.collapse(plain)).isSameAs(plain);
    }
}

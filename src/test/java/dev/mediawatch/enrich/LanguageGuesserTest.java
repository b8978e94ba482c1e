package dev.mediawatch.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageGuesserTest {
    @Test
    void recognisesEnglish() {
        assertThat(LanguageGuesser.guess("The judge said that the government had failed to explain what it was "
                + "doing to return the man, and she ordered officials to answer questions under oath."))
                .isEqualTo("en");
    }

    @Test
    void recognisesSpanish() {
        assertThat(LanguageGuesser.guess("La jueza ordenó a los funcionarios del gobierno que declaren bajo "
                + "juramento sobre las gestiones para el regreso de Kilmar Ábrego García a su casa en Maryland."))
                .isEqualTo("es");
    }

    @Test
    void saysNothingForTooShortAText() {
        assertThat(LanguageGuesser.guess("CECOT transfer")).isNull();
    }

    @Test
    void normalisesLanguageTags() {
        assertThat(LanguageGuesser.normalize("en-US")).isEqualTo("en");
        assertThat(LanguageGuesser.normalize("ES_sv")).isEqualTo("es");
        assertThat(LanguageGuesser.normalize("")).isNull();
        assertThat(LanguageGuesser.normalize("??")).isNull();
    }
}

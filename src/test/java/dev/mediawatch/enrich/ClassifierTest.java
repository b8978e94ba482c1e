package dev.mediawatch.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.model.EntityMention;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    private final Classifier classifier = Classifier.defaults();

    @Test
    void returnsOtherWhenNothingScores() {
        assertThat(classifier.classify("Weather", "Sunny with a light breeze.", List.of())).containsExactly("other");
    }

    @Test
    void returnsOtherForNullInput() {
        assertThat(classifier.classify(null, null, null)).containsExactly("other");
    }

    @Test
    void filesImmigrationNews() {
        assertThat(classifier.classify("Deportation flights resume",
                "The migrants were deported on Saturday.", List.of())).first().isEqualTo("immigration");
    }

    @Test
    void filesCourtNewsBestFirst() {
        List<String> categories = classifier.classify("Judge blocks deportations",
                "A federal judge issued a ruling; the Supreme Court may hear the habeas petition.", List.of());
        assertThat(categories).startsWith("courts").contains("immigration");
    }

    @Test
    void filesForeignRelations() {
        assertThat(classifier.classify("", "The State Department described bilateral diplomatic talks.", List.of()))
                .containsExactly("foreign-relations");
    }

    @Test
    void filesHumanRights() {
        assertThat(classifier.classify("", "Amnesty said detainees were denied due process.", List.of()))
                .containsExactly("human-rights");
    }

    @Test
    void filesCrime() {
        assertThat(classifier.classify("", "Police said the gang ran a cartel linked to a homicide.", List.of()))
                .containsExactly("crime");
    }

    @Test
    void filesPolitics() {
        assertThat(classifier.classify("", "Congress and the White House clashed before the election.", List.of()))
                .containsExactly("politics");
    }

    @Test
    void singleWeakTermDoesNotPassThreshold() {
        assertThat(classifier.classify("", "The administration said little.", List.of())).containsExactly("other");
    }

    @Test
    void acronymTermNeedsCapitals() {
        assertThat(classifier.classify("", "ICE agents and ICE officers", List.of())).contains("immigration");
        assertThat(classifier.classify("", "ice on roads and ice on bridges", List.of())).containsExactly("other");
    }

    @Test
    void entityNamesContribute() {
        EntityMention ms13 = new EntityMention("ms-13", "MS-13", 1, true, true, "");
        assertThat(classifier.classify("Arrests", "Several men were held.", List.of(ms13))).contains("crime");
    }

    @Test
    void entityTypesContributeWhenKnown() {
        EntityMention act = new EntityMention("aea", "Wartime powers law", 1, true, false, "");
        Classifier typed = classifier.withEntityTypes(Map.of("aea", "law"));
        assertThat(classifier.classify("", "", List.of(act))).containsExactly("other");
        assertThat(typed.classify("", "", List.of(act))).containsExactly("courts");
    }

    @Test
    void usesConfiguredRulesInsteadOfTheBuiltInOnes() {
        Classifier custom = Classifier.defaults().withTerms(java.util.Map.of("elections",
                java.util.Map.of("ballot", 2.0, "election", 2.0)));

        assertThat(custom.classify("Ballot count begins", "The election ballot count began on Monday.", List.of()))
                .containsExactly("elections");
        assertThat(custom.classify("Judge rules", "The judge ruled in court.", List.of())).containsExactly("other");
    }
}

package dev.mediawatch.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.model.Entity;
import dev.mediawatch.model.EntityMention;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityMatcherTest {

    private final EntityMatcher matcher = Watchlist.matcher();

    private List<String> ids(String text) {
        return matcher.match("", text).stream().map(EntityMention::id).toList();
    }

    private EntityMention only(String title, String text) {
        List<EntityMention> found = matcher.match(title, text);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void matchesAccentedFullName() {
        assertThat(ids("Kilmar Ábrego García was returned.")).containsExactly("abrego-garcia");
    }

    @Test
    void matchesHyphenatedPossessive() {
        assertThat(ids("Abrego-Garcia's lawyers filed a motion.")).containsExactly("abrego-garcia");
    }

    @Test
    void matchesCurlyApostrophePossessive() {
        assertThat(ids("Abrego Garcia\u2019s wife spoke.")).containsExactly("abrego-garcia");
    }

    @Test
    void matchesCecotInAnyCase() {
        assertThat(ids("He was sent to Cecot.")).containsExactly("cecot");
        assertThat(ids("He was sent to CECOT.")).containsExactly("cecot");
    }

    @Test
    void matchesEnglishAndSpanishFacilityNames() {
        assertThat(ids("inside the Terrorism Confinement Center")).containsExactly("cecot");
        assertThat(ids("el Centro de Confinamiento del Terrorismo")).containsExactly("cecot");
    }

    @Test
    void matchesMs13PrintVariants() {
        assertThat(ids("alleged MS13 members")).containsExactly("ms-13");
        assertThat(ids("alleged MS 13 members")).containsExactly("ms-13");
        assertThat(ids("alleged MS\u201113 members")).containsExactly("ms-13");
    }

    @Test
    void matchesLawPossessive() {
        assertThat(ids("the Alien Enemies Act's use in wartime")).containsExactly("alien-enemies-act");
    }

    @Test
    void matchesPluralPossessive() {
        EntityMatcher m = EntityMatcher.of(List.of(Entity.of("x", "Smith", "person")));
        assertThat(m.match("", "the Smiths' lawyer")).hasSize(1);
    }

    @Test
    void doesNotMatchInsideLongerWord() {
        assertThat(ids("Johnny Cecotto raced in Formula One. Cecotto won.")).isEmpty();
    }

    @Test
    void doesNotMatchSurnameAlone() {
        assertThat(ids("Garcia said the ruling was wrong.")).isEmpty();
        assertThat(ids("a tribute to Jerry Garcia")).isEmpty();
    }

    @Test
    void doesNotMatchPartOfMultiWordName() {
        assertThat(ids("floods in the state of Aragua")).isEmpty();
    }

    @Test
    void exclusionOverlappingMatchCancelsIt() {
        Entity cecot = new Entity("cecot", "CECOT", "facility", List.of("Cecot"), List.of(), List.of(),
                List.of("Cecot Street"), null);
        EntityMatcher m = EntityMatcher.of(List.of(cecot));
        assertThat(m.match("", "a cafe on Cecot Street")).isEmpty();
        assertThat(m.match("", "a cafe on Cecot Street, far from CECOT")).singleElement()
                .satisfies(e -> assertThat(e.count()).isEqualTo(1));
    }

    @Test
    void longestMatchWins() {
        EntityMention m = only("", "Kilmar Abrego Garcia was deported.");
        assertThat(m.count()).isEqualTo(1);
    }

    @Test
    void longestMatchWinsAcrossEntities() {
        Entity act = Entity.of("act", "Alien Enemies Act", "law");
        Entity enemies = Entity.of("enemies", "Alien Enemies", "other");
        EntityMatcher m = EntityMatcher.of(List.of(enemies, act));
        assertThat(m.match("", "under the Alien Enemies Act")).extracting(EntityMention::id).containsExactly("act");
    }

    @Test
    void countsOccurrencesInTitleAndText() {
        EntityMention m = only("CECOT transfers", "Men were sent to CECOT. Cecot holds 40,000.");
        assertThat(m.count()).isEqualTo(3);
    }

    @Test
    void flagsTitleOnlyMention() {
        EntityMention m = only("Rubio travels to San Salvador", "The secretary arrived on Monday.");
        assertThat(m.inTitle()).isTrue();
        assertThat(m.inLead()).isFalse();
        assertThat(m.snippet()).isEqualTo("Rubio travels to San Salvador");
    }

    @Test
    void flagsLeadMention() {
        EntityMention m = only("Deportations", "Bukele met officials.\n\nMore later.");
        assertThat(m.inTitle()).isFalse();
        assertThat(m.inLead()).isTrue();
    }

    @Test
    void bodyMentionAfterLeadIsNotInLead() {
        String text = "A".repeat(20) + " opening paragraph. ".repeat(40) + "\n\nLater, Bukele spoke.";
        EntityMention m = only("Deportations", text);
        assertThat(m.inLead()).isFalse();
        assertThat(m.snippet()).isEqualTo("Later, Bukele spoke.");
    }

    @Test
    void shortFirstParagraphStillCountsFirst300CharsAsLead() {
        EntityMention m = only("", "SAN SALVADOR (AP) \u2014\n\nBukele met officials.");
        assertThat(m.inLead()).isTrue();
    }

    @Test
    void snippetIsTheSentenceOfTheFirstBodyMention() {
        String text = "The judge ruled on Friday. The U.S. government sent Abrego Garcia\n to El Salvador "
                + "in March. He remains there. Abrego Garcia is 29.";
        EntityMention m = only("Abrego Garcia case", text);
        assertThat(m.snippet()).isEqualTo("The U.S. government sent Abrego Garcia to El Salvador in March.");
    }

    @Test
    void longSnippetIsCutAtWordBoundaryWithEllipsis() {
        String text = "word ".repeat(100) + "CECOT " + "more ".repeat(100) + ".";
        EntityMention m = only("", text);
        assertThat(m.snippet()).hasSizeLessThanOrEqualTo(Snippets.MAX_SNIPPET + 2)
                .contains("CECOT").startsWith("\u2026").endsWith("\u2026").doesNotContain("wor\u2026");
    }

    @Test
    void caseSensitiveAliasNeedsExactCase() {
        assertThat(ids("ICE agents detained him.")).containsExactly("ice");
        assertThat(ids("The ice on the road.")).isEmpty();
        assertThat(ids("Ice agents detained him.")).isEmpty();
    }

    @Test
    void caseSensitiveAliasStillFoldsAccents() {
        Entity dhs = new Entity("dhs", "Homeland Security", "agency", List.of(), List.of("DHS"),
                List.of(), List.of(), null);
        EntityMatcher m = EntityMatcher.of(List.of(dhs));
        assertThat(m.match("", "a statement from DHS")).hasSize(1);
        assertThat(m.match("", "a statement from D\u0302HS")).hasSize(1);
        assertThat(m.match("", "a statement from dhs")).isEmpty();
    }

    @Test
    void contextTermIsRequiredWhenGiven() {
        Entity garcia = new Entity("garcia-judge", "Judge Garcia", "person", List.of(), List.of(),
                List.of("Maryland", "court"), List.of(), null);
        EntityMatcher m = EntityMatcher.of(List.of(garcia));
        assertThat(m.match("", "Judge Garcia spoke at the fair.")).isEmpty();
        assertThat(m.match("", "Judge Garcia spoke in court.")).hasSize(1);
        assertThat(m.match("In Maryland", "Judge Garcia spoke.")).hasSize(1);
    }

    @Test
    void contextTermMustBeWholeWord() {
        Entity garcia = new Entity("g", "Judge Garcia", "person", List.of(), List.of(),
                List.of("court"), List.of(), null);
        assertThat(EntityMatcher.of(List.of(garcia)).match("", "Judge Garcia at the food courtyard")).isEmpty();
    }

    @Test
    void listsEntitiesInOrderOfFirstOccurrence() {
        List<EntityMention> found = matcher.match("Rubio on CECOT", "Bukele said CECOT is safe. Rubio agreed.");
        assertThat(found).extracting(EntityMention::id).containsExactly("rubio", "cecot", "bukele");
    }

    @Test
    void returnsEmptyListForNullOrBlankInput() {
        assertThat(matcher.match(null, null)).isEmpty();
        assertThat(matcher.match("", "   ")).isEmpty();
    }

    @Test
    void countsDistinctAliases() {
        EntityMatcher m = EntityMatcher.of(List.of(Entity.of("cecot", "CECOT", "facility", "Cecot", "Terrorism Confinement Center")));
        assertThat(m.aliasCount()).isEqualTo(2);
    }

    @Test
    void findsTheRightEntitiesAmong10000Aliases() {
        List<Entity> entities = new ArrayList<>(Watchlist.ALL);
        for (int i = 0; i < 10_000; i++) {
            entities.add(Entity.of("noise-" + i, "Noise Person " + i, "person"));
        }
        EntityMatcher big = EntityMatcher.of(entities);
        assertThat(big.aliasCount()).isGreaterThanOrEqualTo(10_000);
        List<EntityMention> found = big.match("Bukele and CECOT",
                "Noise Person 4711 met Kilmar Abrego Garcia. Noise Person 47 did not. Noise Person is vague.");
        assertThat(found).extracting(EntityMention::id)
                .containsExactly("bukele", "cecot", "noise-4711", "abrego-garcia", "noise-47");
    }
}

package dev.mediawatch.enrich.story;

import static dev.mediawatch.enrich.story.StoryFingerprintTest.RELEASE;
import static dev.mediawatch.enrich.story.StoryFingerprintTest.RULING;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoryIndexTest {

    private final StoryIndex index = new StoryIndex();

    @Test
    void firstArticleOfAStoryNamesIt() {
        assertThat(index.assign("ap-1", RULING.fingerprint(), 0.5)).isEqualTo("ap-1");
    }

    @Test
    void copiesAndLightEditsJoinTheFirstArticlesStory() {
        index.assign("ap-1", RULING.fingerprint(), 0.5);
        assertThat(index.assign("yahoo-7", RULING.fingerprint(), 0.5)).isEqualTo("ap-1");
        assertThat(index.assign("sun-3", StoryFingerprintTest.lightlyEdited().fingerprint(), 0.5)).isEqualTo("ap-1");
    }

    @Test
    void aDifferentEventOnTheSameTopicStartsItsOwnStory() {
        index.assign("ap-1", RULING.fingerprint(), 0.5);
        assertThat(index.assign("reuters-9", RELEASE.fingerprint(), 0.5)).isEqualTo("reuters-9");
        assertThat(index.assign("guardian-2", RELEASE.fingerprint(), 0.5)).isEqualTo("reuters-9");
        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void anEditJoinsTheStoryEvenWhenItsClosestArticleCameLater() {
        index.assign("ap-1", RULING.fingerprint(), 0.5);
        index.assign("sun-3", StoryFingerprintTest.lightlyEdited().fingerprint(), 0.5);
        StoryFingerprint editOfEdit = StoryFingerprintTest.lightlyEdited()
                .withTitle("Judge orders Trump officials to act on Maryland father in CECOT").fingerprint();
        assertThat(index.assign("local-4", editOfEdit, 0.5)).isEqualTo("ap-1");
    }

    @Test
    void aThresholdAboveTheSimilarityKeepsStoriesApart() {
        index.assign("ap-1", RULING.fingerprint(), 0.5);
        assertThat(index.assign("sun-3", StoryFingerprintTest.lightlyEdited().fingerprint(), 0.95)).isEqualTo("sun-3");
    }

    @Test
    void redeliveryKeepsTheStoryAlreadyAssigned() {
        index.assign("ap-1", RULING.fingerprint(), 0.5);
        assertThat(index.assign("ap-1", RELEASE.fingerprint(), 0.5)).isEqualTo("ap-1");
        assertThat(index.storyOf("ap-1")).contains("ap-1");
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void unrelatedOneLinersGetTheirOwnStories() {
        assertThat(index.assign("a", StoryFingerprint.of("Court blocks deportation flights to El Salvador", ""), 0.5))
                .isEqualTo("a");
        assertThat(index.assign("b", StoryFingerprint.of("Deportation flights to El Salvador resume", ""), 0.5))
                .isEqualTo("b");
        assertThat(index.assign("c", StoryFingerprint.of("", ""), 0.5)).isEqualTo("c");
        assertThat(index.assign("d", StoryFingerprint.of("", ""), 0.5)).isEqualTo("d");
    }

    @Test
    void storedSignaturesWorkAfterARoundTrip() {
        index.assign("ap-1", StoryFingerprint.fromSignature(RULING.fingerprint().signature()), 0.5);
        assertThat(index.assign("yahoo-7", RULING.fingerprint(), 0.5)).isEqualTo("ap-1");
    }
}

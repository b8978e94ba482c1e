package dev.mediawatch.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class BandStoriesTest {

    @Test
    void addsMovesAndExpiresStories() {
        BandStories b = BandStories.EMPTY.with("s1", 100, 0).with("s2", 200, 0);
        assertThat(b.storyIds()).containsExactly("s1", "s2");
        // seen again: moved to the newest end, keeping the later time
        b = b.with("s1", 300, 0);
        assertThat(b.storyIds()).containsExactly("s2", "s1");
        assertThat(b.seen()).containsExactly(200, 300);
        // an out-of-order copy does not move a story's time back
        assertThat(b.with("s1", 50, 0).seen()).containsExactly(200, 300);
        // stories last seen before the cutoff are dropped on the next write
        assertThat(b.with("s3", 400, 250).storyIds()).containsExactly("s1", "s3");
        assertThat(b.newest()).isEqualTo(300);
    }

    @Test
    void keepsTheMostRecentStoriesOfABusyBand() {
        BandStories b = BandStories.EMPTY;
        for (int i = 0; i < 40; i++) b = b.with("s" + i, i, 0);
        assertThat(b.storyIds()).hasSize(BandStories.MAX_STORIES).endsWith("s39").doesNotContain("s0");
    }

    @Test
    void roundTripsThroughItsBinaryForm() {
        BandStories b = BandStories.EMPTY.with("story-ä-1", 1_764_000_000_000L, 0).with("x", -5, -10);
        var serde = BandStories.serde();
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", b))).isEqualTo(b);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", BandStories.EMPTY)))
                .isEqualTo(BandStories.EMPTY);
        assertThat(serde.serializer().serialize("t", null)).isNull();
    }

    @Test
    void malformedBytesAreASerializationError() {
        assertThatThrownBy(() -> BandStories.read(new byte[] {1, 0, 1, 0})).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> BandStories.read(new byte[] {9, 0, 0})).isInstanceOf(SerializationException.class);
        byte[] ok = BandStories.write(new BandStories(List.of("a"), new long[] {1}));
        byte[] longer = java.util.Arrays.copyOf(ok, ok.length + 1);
        assertThatThrownBy(() -> BandStories.read(longer)).isInstanceOf(SerializationException.class);
    }
}

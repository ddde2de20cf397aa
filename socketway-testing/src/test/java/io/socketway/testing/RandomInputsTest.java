package io.socketway.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RandomInputsTest {

    private static List<Object> sample(RandomInputs random) {
        return List.of(random.strings(50, 100), random.stringOf("ab\ud83d\ude00", 30), random.printableAscii(40),
                List.of(random.bytes(64)), random.intBetween(-5, 5), random.oneOf(List.of("x", "y", "z")),
                random.listOf(5, () -> random.string(3)));
    }

    @Test
    void sameSeedGivesSameValues() {
        assertThat(sample(RandomInputs.seeded(42)))
                .usingRecursiveComparison()
                .isEqualTo(sample(RandomInputs.seeded(42)));
    }

    @Test
    void differentSeedsGiveDifferentValues() {
        assertThat(RandomInputs.seeded(1).strings(20, 100)).isNotEqualTo(RandomInputs.seeded(2).strings(20, 100));
    }

    @Test
    void systemPropertyOverridesDefaultSeed() {
        System.setProperty("socketway.test.seed", "7");
        try {
            assertThat(RandomInputs.fromSystemProperty("socketway.test.seed", 1).seed()).isEqualTo(7);
        } finally {
            System.clearProperty("socketway.test.seed");
        }
        assertThat(RandomInputs.fromSystemProperty("socketway.test.seed", 1).seed()).isEqualTo(1);
    }

    @Test
    void stringsIncludeEdgeCases() {
        List<String> strings = RandomInputs.seeded(3).strings(2_000, 300);

        assertThat(strings).allMatch(s -> s.length() <= 300).contains("");
        assertThat(strings).anyMatch(s -> s.length() == 300);
        assertThat(strings).anyMatch(s -> s.chars().anyMatch(Character::isISOControl));
        assertThat(strings).anyMatch(s -> s.codePoints().anyMatch(Character::isSupplementaryCodePoint));
        assertThat(strings).anyMatch(RandomInputsTest::hasLoneSurrogate);
    }

    @Test
    void stringOfUsesOnlyTheAlphabetAndRespectsMaxLength() {
        RandomInputs random = RandomInputs.seeded(4);
        List<String> strings = random.listOf(500, () -> random.stringOf("ab-", 10));

        assertThat(strings).allMatch(s -> s.matches("[ab-]{0,10}"));
    }

    @Test
    void intBetweenStaysInRangeAndReachesBothBounds() {
        RandomInputs random = RandomInputs.seeded(5);
        List<Integer> ints = random.listOf(500, () -> random.intBetween(-3, 1_000_000));

        assertThat(ints).allMatch(i -> i >= -3 && i <= 1_000_000).contains(-3, 1_000_000);
    }

    @Test
    void forAllNamesTryInputAndSeedOfFirstFailure() {
        RandomInputs random = RandomInputs.fromSystemProperty("socketway.test.seed", 9);
        Function<RandomInputs, Integer> counter = r -> r.intBetween(0, 0);

        assertThatThrownBy(() -> random.forAll(10, counter, i -> assertThat(i).isEqualTo(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("try 1 of 10 failed (seed 9; replay with -Dsocketway.test.seed=9)")
                .hasMessageContaining("on input: \"0\"")
                .hasCauseInstanceOf(AssertionError.class);
    }

    private static boolean hasLoneSurrogate(String s) {
        return s.codePoints().anyMatch(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
    }
}

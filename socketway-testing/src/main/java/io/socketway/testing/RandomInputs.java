package io.socketway.testing;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.ThrowingConsumer;

/**
 * Generates seeded random inputs for property-style tests, favouring edge cases.
 *
 * <p>About one value in eight is an edge case: the bounds of a range, an empty or full-length string, control
 * characters, lone surrogates and surrogate pairs. The same seed always gives the same values, so a failure seen with
 * {@link #forAll} can be replayed with {@code -Dsocketway.fuzz.seed=<seed>}. Not thread-safe: use one per test.
 */
public final class RandomInputs {
    /** The system property that fixes the seed of {@link #fromSystemProperty} callers, to replay a failing run. */
    public static final String SEED_PROPERTY = "socketway.fuzz.seed";

    private static final String PRINTABLE_ASCII = charRange(0x20, 0x7e);
    private static final String EDGE_CHARS = "\0\t\n\r\u001b\u007f\u0085\u00a0\u00ff\u200b\u2028\ufeff\ufffd\uffff"
            + "\ud800\udbff\udc00\udfff\"\\%";
    private static final List<String> EDGE_STRINGS = List.of("", " ", "\0", "\r\n", "\ud83d\ude00", "\ud800", "\udfff",
            "\u00e9\u0301", "null", "{}", "[]", "\"", "\\", "%");

    private final SplittableRandom random;
    private final long seed;
    private final String replay;

    private RandomInputs(long seed, String replay) {
        this.random = new SplittableRandom(seed);
        this.seed = seed;
        this.replay = replay;
    }

    /** Returns a generator whose values depend only on {@code seed}. */
    public static RandomInputs seeded(long seed) {
        return new RandomInputs(seed, "seed " + seed);
    }

    /** Returns a generator seeded from system property {@code name} when set, from {@code defaultSeed} otherwise. */
    public static RandomInputs fromSystemProperty(String name, long defaultSeed) {
        long seed = Long.getLong(requireNonNull(name, "name"), defaultSeed);
        return new RandomInputs(seed, "seed " + seed + "; replay with -D" + name + "=" + seed);
    }

    /**
     * Returns the generator tests use: a fixed seed, so every CI run is repeatable, unless
     * {@code -Dsocketway.fuzz.seed=N} asks for other inputs (for exploring, or to replay a reported failure).
     */
    public static RandomInputs forTests() {
        return fromSystemProperty(SEED_PROPERTY, DEFAULT_SEED);
    }

    /** The seed {@link #forTests()} uses when {@value #SEED_PROPERTY} is not set. */
    public static final long DEFAULT_SEED = 20_261_128L;

    /** Returns the seed this generator started from. */
    public long seed() {
        return seed;
    }

    /** Returns an int in {@code [min, max]} (both inclusive), {@code min} or {@code max} more often than chance. */
    public int intBetween(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException("max: " + max + " (expected: >= min " + min + ")");
        }
        return edgeCase() ? (random.nextBoolean() ? min : max) : (int) random.nextLong(min, (long) max + 1);
    }

    /** Returns one of {@code values}, each equally likely. */
    public <T> T oneOf(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Returns any UTF-16 text up to {@code maxLength} chars: controls, lone surrogates and pairs included. */
    public String string(int maxLength) {
        if (edgeCase()) {
            return oneOf(EDGE_STRINGS.stream().filter(s -> s.length() <= maxLength).toList());
        }
        StringBuilder out = new StringBuilder();
        for (int length = intBetween(0, maxLength); out.length() < length; ) {
            switch (random.nextInt(8)) {
                case 0 -> out.append(EDGE_CHARS.charAt(random.nextInt(EDGE_CHARS.length())));
                case 1, 2 -> out.append(PRINTABLE_ASCII.charAt(random.nextInt(PRINTABLE_ASCII.length())));
                case 3 -> out.appendCodePoint(length - out.length() > 1 ? random.nextInt(0x10000, 0x110000) : 'x');
                default -> out.append((char) random.nextInt(0x10000));
            }
        }
        return out.toString();
    }

    /** Returns text of up to {@code maxLength} code points, each taken from {@code alphabet}. */
    public String stringOf(String alphabet, int maxLength) {
        int[] codePoints = alphabet.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int length = intBetween(0, maxLength), i = 0; i < length; i++) {
            out.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return out.toString();
    }

    /** Returns text of up to {@code maxLength} characters between space and tilde. */
    public String printableAscii(int maxLength) {
        return stringOf(PRINTABLE_ASCII, maxLength);
    }

    /** Returns up to {@code maxLength} random bytes. */
    public byte[] bytes(int maxLength) {
        byte[] bytes = new byte[intBetween(0, maxLength)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Returns a list of up to {@code maxSize} elements, each made by {@code element}. */
    public <T> List<T> listOf(int maxSize, Supplier<T> element) {
        List<T> out = new ArrayList<>();
        for (int size = intBetween(0, maxSize); out.size() < size; ) {
            out.add(element.get());
        }
        return out;
    }

    /** Returns exactly {@code count} strings of {@link #string(int)}, for example for a {@code @MethodSource}. */
    public List<String> strings(int count, int maxLength) {
        return Stream.generate(() -> string(maxLength)).limit(count).toList();
    }

    /**
     * Runs {@code property} on {@code tries} inputs made by {@code generator}, stopping at the first failure.
     *
     * @throws AssertionError naming the try, the seed and the input when {@code property} throws anything
     */
    public <T> void forAll(int tries, Function<RandomInputs, T> generator, ThrowingConsumer<? super T> property) {
        for (int i = 1; i <= tries; i++) {
            T input = generator.apply(this);
            try {
                property.accept(input);
            } catch (Throwable failure) {
                throw new AssertionError("try " + i + " of " + tries + " failed (" + replay + ") on input: "
                        + describe(input) + "\n" + failure, failure);
            }
        }
    }

    private boolean edgeCase() {
        return random.nextInt(8) == 0;
    }

    private static String describe(Object input) {
        String text = input instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(input);
        StringBuilder out = new StringBuilder("\"");
        text.chars().limit(2000).forEach(c -> out.append(c >= 0x20 && c < 0x7f && c != '\\' && c != '"'
                ? Character.toString(c) : String.format("\\u%04x", c)));
        return out.append(text.length() > 2000 ? "\"..." : "\"").toString();
    }

    private static String charRange(int first, int last) {
        StringBuilder out = new StringBuilder();
        for (int c = first; c <= last; c++) {
            out.append((char) c);
        }
        return out.toString();
    }
}

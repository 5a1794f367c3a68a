package dev.awsmfa.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TrayIconsTest {

    static Iterable<Integer> sizes() {
        return TrayIcons.SIZES;
    }

    /** Pixels of exactly this RGB that are fully opaque. */
    static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int argb = img.getRGB(x, y);
                if ((argb >>> 24) == 0xFF && (argb & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @ParameterizedTest(name = "{0} px")
    @MethodSource("sizes")
    void eachStateIsDrawnAtTheSizeAskedFor(int size) {
        for (IconState s : IconState.values()) {
            BufferedImage img = TrayIcons.image(s, size);
            assertEquals(size, img.getWidth());
            assertEquals(size, img.getHeight());
            assertEquals(0, img.getRGB(0, 0) >>> 24, "corners are transparent");
        }
    }

    @ParameterizedTest(name = "{0} px")
    @MethodSource("sizes")
    void eachIconHoldsItsSignatureColourAndNoOtherStatesColour(int size) {
        for (IconState s : IconState.values()) {
            BufferedImage img = TrayIcons.image(s, size);
            int own = count(img, TrayIcons.signatureRgb(s));
            // the shield's fill, less its rim and sign: 17-39 % of the square, depending on state and size
            assertTrue(own >= size * size / 8, s + " at " + size + " px has only " + own + " signature pixels");
            for (IconState other : IconState.values()) {
                if (other != s) {
                    assertEquals(
                            0,
                            count(img, TrayIcons.signatureRgb(other)),
                            s + " at " + size + " px contains " + other + "'s colour");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} px")
    @MethodSource("sizes")
    void theFourIconsDifferPairwise(int size) {
        IconState[] states = IconState.values();
        for (int i = 0; i < states.length; i++) {
            for (int j = i + 1; j < states.length; j++) {
                assertFalse(
                        Arrays.equals(
                                pixels(TrayIcons.image(states[i], size)), pixels(TrayIcons.image(states[j], size))),
                        states[i] + " and " + states[j] + " look the same at " + size + " px");
            }
        }
    }

    @ParameterizedTest(name = "{0} px")
    @MethodSource("sizes")
    void theSignsDifferInShapeNotOnlyInColour(int size) {
        // everything opaque but the fill = rim and sign; its layout differs per state (colour-blind users)
        IconState[] states = IconState.values();
        for (int i = 0; i < states.length; i++) {
            for (int j = i + 1; j < states.length; j++) {
                assertFalse(
                        Arrays.equals(signMask(states[i], size), signMask(states[j], size)),
                        states[i] + " vs " + states[j]);
            }
        }
    }

    static boolean[] signMask(IconState state, int size) {
        int[] p = pixels(TrayIcons.image(state, size));
        boolean[] m = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            m[i] = (p[i] >>> 24) == 0xFF && (p[i] & 0xFFFFFF) != TrayIcons.signatureRgb(state);
        }
        return m;
    }

    @Test
    void signatureColoursAreFarApart() {
        IconState[] states = IconState.values();
        for (int i = 0; i < states.length; i++) {
            for (int j = i + 1; j < states.length; j++) {
                int a = TrayIcons.signatureRgb(states[i]);
                int b = TrayIcons.signatureRgb(states[j]);
                double d = Math.sqrt(sq(((a >> 16) & 0xFF) - ((b >> 16) & 0xFF))
                        + sq(((a >> 8) & 0xFF) - ((b >> 8) & 0xFF))
                        + sq((a & 0xFF) - (b & 0xFF)));
                assertTrue(d > 150, states[i] + " vs " + states[j] + ": distance " + d);
            }
        }
    }

    private static double sq(int v) {
        return (double) v * v;
    }

    @Test
    void drawingIsRepeatable() {
        assertTrue(Arrays.equals(
                pixels(TrayIcons.image(IconState.RENEWING, 24)), pixels(TrayIcons.image(IconState.RENEWING, 24))));
    }

    @Test
    void refusesSizesNoTrayUses() {
        assertThrows(IllegalArgumentException.class, () -> TrayIcons.image(IconState.FRESH, 8));
        assertThrows(IllegalArgumentException.class, () -> TrayIcons.image(IconState.FRESH, 512));
    }
}

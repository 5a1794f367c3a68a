package dev.awsmfa.desktop;

import dev.awsmfa.testing.Desktop;
import dev.awsmfa.testing.Desktop.Geometry;
import dev.awsmfa.tray.IconState;
import dev.awsmfa.tray.TrayIcons;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * What {@link AgentDesktopIT} sees of the X screen: screenshots as images, the tray icon found by its signature
 * colours inside trayer's panel, new top-level windows (a menu), and crops for the README.
 */
final class Screen {

    /** A rectangle on the screen. */
    record Rect(int x, int y, int width, int height) {
        static Rect of(Geometry g) {
            return new Rect(g.x(), g.y(), g.width(), g.height());
        }

        int centerX() {
            return x + width / 2;
        }

        int centerY() {
            return y + height / 2;
        }

        Rect grow(int by) {
            return new Rect(x - by, y - by, width + 2 * by, height + 2 * by);
        }

        Rect union(Rect o) {
            int x0 = Math.min(x, o.x);
            int y0 = Math.min(y, o.y);
            int x1 = Math.max(x + width, o.x + o.width);
            int y1 = Math.max(y + height, o.y + o.height);
            return new Rect(x0, y0, x1 - x0, y1 - y0);
        }

        /** This rectangle cut to the image's bounds. */
        Rect clip(BufferedImage img) {
            int x0 = Math.max(0, x);
            int y0 = Math.max(0, y);
            int x1 = Math.min(img.getWidth(), x + width);
            int y1 = Math.min(img.getHeight(), y + height);
            return new Rect(x0, y0, Math.max(0, x1 - x0), Math.max(0, y1 - y0));
        }
    }

    /** Fewer pixels of a signature colour than this is not an icon (a 22-24 px icon has about 150-200). */
    static final int MIN_ICON_PIXELS = 40;
    /** Where trayer (top edge, right-aligned) and the menu under it live, for when the panel is not found. */
    static final Rect TOP_RIGHT = new Rect(1280 - 420, 0, 420, 40);

    private final Desktop desktop;
    private final Path scratch;

    Screen(Desktop desktop, Path scratch) {
        this.desktop = desktop;
        this.scratch = scratch;
    }

    /** The whole screen, now. */
    BufferedImage shot() {
        try {
            Path png = desktop.screenshot(scratch.resolve("shot-" + System.nanoTime() + ".png"));
            try {
                BufferedImage img = ImageIO.read(png.toFile());
                if (img == null) {
                    throw new AssertionError("import wrote no readable PNG: " + png);
                }
                return img;
            } finally {
                Files.deleteIfExists(png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Trayer's visible panel now (it widens as icons embed and narrows to 2 px when they leave). */
    Rect panel() {
        return desktop.trayPanel().map(p -> Rect.of(p.geometry())).orElse(TOP_RIGHT);
    }

    /** Pixels of exactly each state's signature colour inside {@code r}. */
    static Map<IconState, Integer> iconPixels(BufferedImage img, Rect r) {
        Map<Integer, IconState> byRgb = new HashMap<>();
        Map<IconState, Integer> counts = new EnumMap<>(IconState.class);
        for (IconState s : IconState.values()) {
            byRgb.put(TrayIcons.signatureRgb(s), s);
            counts.put(s, 0);
        }
        Rect c = r.clip(img);
        for (int y = c.y(); y < c.y() + c.height(); y++) {
            for (int x = c.x(); x < c.x() + c.width(); x++) {
                IconState s = byRgb.get(img.getRGB(x, y) & 0xFFFFFF);
                if (s != null) {
                    counts.merge(s, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** The bounding box of every signature-coloured pixel inside {@code r}: where the icon is. */
    static Optional<Rect> iconBounds(BufferedImage img, Rect r) {
        Set<Integer> signatures = new HashSet<>();
        for (IconState s : IconState.values()) {
            signatures.add(TrayIcons.signatureRgb(s));
        }
        Rect c = r.clip(img);
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        int n = 0;
        for (int y = c.y(); y < c.y() + c.height(); y++) {
            for (int x = c.x(); x < c.x() + c.width(); x++) {
                if (signatures.contains(img.getRGB(x, y) & 0xFFFFFF)) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                    n++;
                }
            }
        }
        return n < MIN_ICON_PIXELS ? Optional.empty() : Optional.of(new Rect(x0, y0, x1 - x0 + 1, y1 - y0 + 1));
    }

    /** Strong red (the prompt's reason, 200/0/0, with antialiased edges) inside {@code r}. */
    static int redPixels(BufferedImage img, Rect r) {
        Rect c = r.clip(img);
        int n = 0;
        for (int y = c.y(); y < c.y() + c.height(); y++) {
            for (int x = c.x(); x < c.x() + c.width(); x++) {
                int rgb = img.getRGB(x, y);
                int red = (rgb >> 16) & 0xff;
                int green = (rgb >> 8) & 0xff;
                int blue = rgb & 0xff;
                if (red >= 150 && green <= 70 && blue <= 70) {
                    n++;
                }
            }
        }
        return n;
    }

    /** How many different colours {@code r} holds: a window that is mapped but not yet painted has one or two. */
    static int colours(BufferedImage img, Rect r) {
        Rect c = r.clip(img);
        Set<Integer> seen = new HashSet<>();
        for (int y = c.y(); y < c.y() + c.height(); y++) {
            for (int x = c.x(); x < c.x() + c.width(); x++) {
                seen.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return seen.size();
    }

    /** Writes the part {@code r} of {@code img} (cut to the screen) as a PNG. */
    static Path crop(BufferedImage img, Rect r, Path png) {
        Rect c = r.clip(img);
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            // A copy, not a view: the writer must not see the rest of the screen's raster.
            BufferedImage part = new BufferedImage(c.width(), c.height(), BufferedImage.TYPE_INT_RGB);
            part.getGraphics().drawImage(img.getSubimage(c.x(), c.y(), c.width(), c.height()), 0, 0, null);
            ImageIO.write(part, "png", png.toFile());
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- windows -----------------------------------------------------------------------------------------

    /** Every viewable child of the root window with its geometry. */
    List<Rect> viewableTopLevels() {
        return desktop.viewableTopLevels().stream().map(Rect::of).toList();
    }

    /**
     * A new viewable top-level window, taller than 40 px, hanging from the top of the screen (where trayer is):
     * the tray menu. Notifications (bottom right) and the prompt (centred) do not qualify.
     */
    Optional<Rect> newMenu(List<Rect> before) {
        return viewableTopLevels().stream()
                .filter(g -> g.height() > 40 && g.width() < 1000 && g.y() < 100 && !before.contains(g))
                .findFirst();
    }

    /** The visible dunst window(s), as one rectangle. */
    Optional<Rect> notificationWindow() {
        Desktop.Result r =
                desktop.run(Duration.ofSeconds(5), "xdotool", "search", "--onlyvisible", "--classname", "^Dunst$");
        Rect all = null;
        for (String id :
                r.stdout().lines().map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            Rect g = Rect.of(desktop.geometry(id));
            if (g.width() > 20 && g.height() > 20) {
                all = all == null ? g : all.union(g);
            }
        }
        return Optional.ofNullable(all);
    }
}

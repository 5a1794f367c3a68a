package dev.awsmfa.tray;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The four tray icons, drawn with Java2D at any size: a shield in the state's colour with a dark rim and a
 * sign (white check = fresh, dark clock = expiring, white "!" = problem, white circular arrow = renewing), so
 * the states differ in shape as well as colour.
 *
 * <p>Each state's shield is filled with one exact {@linkplain #signatureRgb signature colour} that no other
 * state's icon contains, so a test can count those pixels in a screenshot of the tray.
 */
public final class TrayIcons {

    /** The sizes tray hosts ask for; {@link #image} draws any size from 12 to 256. */
    public static final List<Integer> SIZES = List.of(16, 22, 24, 32, 48);

    private static final Color RIM = new Color(0x1B, 0x1F, 0x23);
    private static final Color LIGHT_SIGN = Color.WHITE;

    private TrayIcons() {}

    /** The exact RGB (0xRRGGBB) of the state's shield fill. */
    public static int signatureRgb(IconState state) {
        return switch (state) {
            case FRESH -> 0x1E9E4A; // green
            case EXPIRING -> 0xF5B400; // amber
            case PROBLEM -> 0xD7263D; // red
            case RENEWING -> 0x1F6FEB; // blue
        };
    }

    public static Color signature(IconState state) {
        return new Color(signatureRgb(state));
    }

    /** A new size x size ARGB image of the state's icon (transparent around the shield). */
    public static BufferedImage image(IconState state, int size) {
        if (size < 12 || size > 256) {
            throw new IllegalArgumentException("icon size " + size + " outside 12..256");
        }
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            double scale = size / 48.0;
            g.scale(scale, scale);
            // A rim of at least one device pixel keeps the shield visible on light and dark panels alike.
            float rim = (float) Math.max(2.5, 1.1 / scale);
            Path2D shield = shield();
            g.setColor(signature(state));
            g.fill(shield);
            g.setColor(RIM);
            g.setStroke(new BasicStroke(rim, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(shield);
            // amber is too light for a white sign: that one is dark
            g.setColor(state == IconState.EXPIRING ? RIM : LIGHT_SIGN);
            drawSign(g, state, scale);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** In a 48 x 48 box: a flat top with rounded corners, straight sides, curving to a point at the bottom. */
    private static Path2D shield() {
        Path2D p = new Path2D.Double();
        p.moveTo(10, 4);
        p.lineTo(38, 4);
        p.quadTo(43, 4, 43, 9);
        p.lineTo(43, 22);
        p.curveTo(43, 34, 34, 41, 24, 45.5);
        p.curveTo(14, 41, 5, 34, 5, 22);
        p.lineTo(5, 9);
        p.quadTo(5, 4, 10, 4);
        p.closePath();
        return p;
    }

    private static void drawSign(Graphics2D g, IconState state, double scale) {
        // Strokes of at least ~1.6 device pixels stay legible at 16 px.
        float w = (float) Math.max(5.0, 1.6 / scale);
        BasicStroke round = new BasicStroke(w, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
        switch (state) {
            case FRESH -> {
                Path2D check = new Path2D.Double();
                check.moveTo(14.5, 23.5);
                check.lineTo(21.5, 30.5);
                check.lineTo(33.5, 16.5);
                g.setStroke(round);
                g.draw(check);
            }
            case EXPIRING -> {
                g.setStroke(new BasicStroke(w * 0.75f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new Ellipse2D.Double(14.5, 13, 19, 19));
                Path2D hands = new Path2D.Double();
                hands.moveTo(24, 17.5);
                hands.lineTo(24, 22.5);
                hands.lineTo(28, 25);
                g.draw(hands);
            }
            case PROBLEM -> {
                double bar = Math.max(5.5, 1.8 / scale);
                g.fill(new RoundRectangle2D.Double(24 - bar / 2, 10, bar, 18, bar, bar));
                double dot = Math.max(6.0, 2.0 / scale);
                g.fill(new Ellipse2D.Double(24 - dot / 2, 31, dot, dot));
            }
            case RENEWING -> {
                g.setStroke(new BasicStroke(w * 0.85f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND));
                double cx = 24;
                double cy = 23;
                double r = 9.5;
                // Open at the top right; the arrow head sits on the arc's end and points along it.
                g.draw(new Arc2D.Double(cx - r, cy - r, 2 * r, 2 * r, 80, 280, Arc2D.OPEN));
                double end = Math.toRadians(80);
                double ex = cx + r * Math.cos(end);
                double ey = cy - r * Math.sin(end);
                double head = Math.max(7.0, 2.4 / scale);
                Path2D arrow = new Path2D.Double();
                arrow.moveTo(ex + head * 0.9, ey); // tip, pointing clockwise (right)
                arrow.lineTo(ex - head * 0.2, ey - head * 0.75);
                arrow.lineTo(ex - head * 0.2, ey + head * 0.75);
                arrow.closePath();
                g.fill(arrow);
            }
        }
    }
}

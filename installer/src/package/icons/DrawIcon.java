import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.GeneralPath;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Draws the application icon (an orange shield with a white key) and writes every file the packages use:
 * PNGs for Linux, an .ico for Windows, an .icns for macOS. The outputs are committed; run this only to
 * change the icon:
 *
 * <pre>java -Djava.awt.headless=true installer/src/package/icons/DrawIcon.java installer/src/package</pre>
 *
 * Pure JDK (Java2D + ImageIO); the .ico and .icns containers hold PNG images, which Windows Vista+ and
 * macOS 10.7+ read.
 */
public final class DrawIcon {

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : "installer/src/package");
        Files.createDirectories(root.resolve("icons"));
        Files.createDirectories(root.resolve("linux/resources"));
        Files.createDirectories(root.resolve("macos/resources"));
        Files.createDirectories(root.resolve("windows/resources"));

        for (int size : List.of(128, 256)) {
            Files.write(root.resolve("icons/aws-mfa-agent-" + size + ".png"), png(draw(size)));
        }
        // jpackage --icon on Linux: the menu icon and lib/aws-mfa-agent.png in the image.
        Files.write(root.resolve("linux/resources/aws-mfa-agent.png"), png(draw(256)));

        Map<Integer, byte[]> ico = new LinkedHashMap<>();
        for (int size : List.of(16, 24, 32, 48, 64, 256)) {
            ico.put(size, png(draw(size)));
        }
        Files.write(root.resolve("windows/resources/aws-mfa-agent.ico"), ico(ico));

        // ICNS element types holding PNG data: icp4 16, icp5 32, icp6 64, ic07 128, ic08 256, ic09 512,
        // ic10 1024 (512@2x).
        Map<String, byte[]> icns = new LinkedHashMap<>();
        icns.put("icp4", png(draw(16)));
        icns.put("icp5", png(draw(32)));
        icns.put("icp6", png(draw(64)));
        icns.put("ic07", png(draw(128)));
        icns.put("ic08", png(draw(256)));
        icns.put("ic09", png(draw(512)));
        icns.put("ic10", png(draw(1024)));
        Files.write(root.resolve("macos/resources/aws-mfa-agent.icns"), icns(icns));
    }

    /** The glyph on a 256-unit grid, scaled to {@code size}. */
    static BufferedImage draw(int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.scale(size / 256.0, size / 256.0);

        // Shield: flat top with rounded corners, sides curving to a point at the bottom.
        GeneralPath shield = new GeneralPath();
        shield.moveTo(128, 12);
        shield.curveTo(162, 30, 196, 36, 228, 36);
        shield.curveTo(230, 128, 206, 196, 128, 246);
        shield.curveTo(50, 196, 26, 128, 28, 36);
        shield.curveTo(60, 36, 94, 30, 128, 12);
        shield.closePath();
        g.setPaint(new GradientPaint(0, 12, new Color(0xFF, 0xA7, 0x26), 0, 246, new Color(0xE6, 0x6A, 0x00)));
        g.fill(shield);
        g.setPaint(new Color(0x23, 0x2F, 0x3E));
        g.setStroke(new BasicStroke(10f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(shield);

        // Key: a ring (bow), a shaft, two teeth; white on the shield.
        Area key = new Area(new Ellipse2D.Double(70, 62, 76, 76));
        key.subtract(new Area(new Ellipse2D.Double(91, 83, 34, 34)));
        key.add(new Area(new RoundRectangle2D.Double(100, 128, 16, 86, 8, 8)));
        key.add(new Area(new Rectangle2D.Double(112, 168, 30, 14)));
        key.add(new Area(new Rectangle2D.Double(112, 192, 22, 14)));
        g.setPaint(Color.WHITE);
        g.fill(key);
        g.dispose();
        return img;
    }

    static byte[] png(BufferedImage img) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** ICO: ICONDIR, one ICONDIRENTRY per image, then the PNG data; all little-endian. */
    static byte[] ico(Map<Integer, byte[]> images) {
        int count = images.size();
        int offset = 6 + 16 * count;
        int total = offset + images.values().stream().mapToInt(b -> b.length).sum();
        ByteBuffer buf = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort((short) 0).putShort((short) 1).putShort((short) count);
        for (Map.Entry<Integer, byte[]> e : images.entrySet()) {
            int size = e.getKey();
            buf.put((byte) (size >= 256 ? 0 : size)).put((byte) (size >= 256 ? 0 : size));
            buf.put((byte) 0).put((byte) 0);               // no palette, reserved
            buf.putShort((short) 1).putShort((short) 32);  // planes, bits per pixel
            buf.putInt(e.getValue().length).putInt(offset);
            offset += e.getValue().length;
        }
        images.values().forEach(buf::put);
        return buf.array();
    }

    /** ICNS: "icns" + total length, then (type, 8 + length, data) per element; all big-endian. */
    static byte[] icns(Map<String, byte[]> elements) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(body);
        for (Map.Entry<String, byte[]> e : elements.entrySet()) {
            out.writeBytes(e.getKey());
            out.writeInt(8 + e.getValue().length);
            out.write(e.getValue());
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        DataOutputStream head = new DataOutputStream(file);
        head.writeBytes("icns");
        head.writeInt(8 + body.size());
        body.writeTo(file);
        return file.toByteArray();
    }
}

package org.xai4j.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.xai4j.util.AtomicFiles;

/**
 * A labelled grid of equally sized tiles (e.g. rows = images, columns = the input and one heat map per attribution
 * method), written as one PNG: column titles on top, row titles on the left (a line break in a title starts a
 * second line), white background.
 */
public final class ImageGrid {
    private static final int GAP = 4;
    private static final int HEADER = 22;
    private static final int ROW_LABEL = 200;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ImageGrid() {
    }

    /**
     * @param tiles        tiles[row][column], all the same size
     * @param columnTitles one per column
     * @param rowTitles    one per row
     */
    public static BufferedImage render(BufferedImage[][] tiles, List<String> columnTitles, List<String> rowTitles) {
        if (tiles.length == 0 || tiles[0].length == 0 || columnTitles.size() != tiles[0].length
                || rowTitles.size() != tiles.length) {
            throw new IllegalArgumentException("grid: " + tiles.length + " rows with titles " + rowTitles
                    + ", columns titled " + columnTitles);
        }
        int tw = tiles[0][0].getWidth();
        int th = tiles[0][0].getHeight();
        int cols = tiles[0].length;
        BufferedImage img = new BufferedImage(ROW_LABEL + cols * (tw + GAP), HEADER + tiles.length * (th + GAP),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, img.getWidth(), img.getHeight());
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            for (int c = 0; c < cols; c++) {
                g.drawString(fit(g, columnTitles.get(c), tw), ROW_LABEL + c * (tw + GAP), HEADER - 6);
            }
            for (int r = 0; r < tiles.length; r++) {
                int y = HEADER + r * (th + GAP);
                String[] lines = rowTitles.get(r).split("\n");
                int lineHeight = g.getFontMetrics().getHeight();
                for (int l = 0; l < lines.length; l++) {
                    g.drawString(fit(g, lines[l], ROW_LABEL - 6), 2, y + th / 2 + (l - (lines.length - 1) / 2) * lineHeight);
                }
                for (int c = 0; c < cols; c++) {
                    if (tiles[r][c].getWidth() != tw || tiles[r][c].getHeight() != th) {
                        throw new IllegalArgumentException("grid: tile " + r + "," + c + " has another size");
                    }
                    g.drawImage(tiles[r][c], ROW_LABEL + c * (tw + GAP), y, null);
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    public static void write(Path png, BufferedImage[][] tiles, List<String> columnTitles, List<String> rowTitles) {
        BufferedImage img = render(tiles, columnTitles, rowTitles);
        AtomicFiles.write(png, out -> ImageIO.write(img, "png", out));
    }

    private static String fit(Graphics2D g, String s, int width) {
        String t = s;
        while (t.length() > 1 && g.getFontMetrics().stringWidth(t) > width) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}

package org.xai4j.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.xai4j.util.AtomicFiles;

/**
 * A small self-contained HTML page (no scripts, no external files: images are embedded as base64 PNG data URIs),
 * built section by section and written atomically. Text is HTML-escaped.
 */
public final class HtmlReport {
    private final StringBuilder body = new StringBuilder();
    private final String title;

    public HtmlReport(String title) {
        this.title = title;
    }

    public HtmlReport heading(String text) {
        body.append("<h2>").append(escape(text)).append("</h2>\n");
        return this;
    }

    public HtmlReport paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** A table; numbers are shown with 4 significant decimals. */
    public HtmlReport table(List<String> header, List<List<Object>> rows) {
        body.append("<table>\n<tr>");
        header.forEach(h -> body.append("<th>").append(escape(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<Object> row : rows) {
            body.append("<tr>");
            row.forEach(v -> body.append("<td>").append(escape(format(v))).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** An embedded image with a caption. */
    public HtmlReport image(BufferedImage img, String caption) {
        body.append("<figure><img alt=\"").append(escape(caption)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png(img))).append("\"><figcaption>")
                .append(escape(caption)).append("</figcaption></figure>\n");
        return this;
    }

    /** A row of small embedded images with captions (e.g. one image explained by every method). */
    public HtmlReport imageRow(List<BufferedImage> images, List<String> captions) {
        body.append("<div class=\"row\">");
        for (int i = 0; i < images.size(); i++) {
            body.append("<figure><img alt=\"").append(escape(captions.get(i))).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png(images.get(i)))).append("\"><figcaption>")
                    .append(escape(captions.get(i))).append("</figcaption></figure>");
        }
        body.append("</div>\n");
        return this;
    }

    public String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + escape(title)
                + "</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1400px}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;"
                + "text-align:right}th{background:#eee}figure{display:inline-block;margin:4px;text-align:center}"
                + "figcaption{font-size:small}.row{white-space:nowrap;overflow-x:auto}</style></head>\n<body>\n<h1>"
                + escape(title) + "</h1>\n" + body + "</body></html>\n";
    }

    public void write(Path file) {
        AtomicFiles.writeString(file, render());
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String format(Object v) {
        if (v instanceof Double d) {
            return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.4f", d);
        }
        return String.valueOf(v);
    }

    private static byte[] png(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

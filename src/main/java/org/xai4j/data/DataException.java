package org.xai4j.data;

/**
 * A data set cannot be read as configured: a malformed manifest row, a missing or unreadable image, images of
 * different sizes. The message names the manifest file and the line, e.g.
 * {@code datasets/x/manifest.csv line 17: image 'a.png' not found (resolved to /abs/a.png)}.
 */
public class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}

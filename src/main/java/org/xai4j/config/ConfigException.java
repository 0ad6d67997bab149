package org.xai4j.config;

/**
 * A configuration could not be read: the message is meant for the user as is. It names the source (the file,
 * or {@code <defaults>} when no file was given), the full key path of the offending value and what is allowed,
 * e.g. {@code configs/quickstart.yaml: key 'train.epochs': expected an integer, got 'abc'}.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a complete, user-facing message. */
    public ConfigException(String message) {
        super(message);
    }

    /** Creates an exception with a complete, user-facing message and the low-level cause. */
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.mediawatch.config;

/** A configuration that cannot be used; the message names the file, the key and what is wrong. */
public final class ConfigException extends RuntimeException {
    private final String file;
    private final String key;

    public ConfigException(String file, String key, String reason) {
        super(file + ": " + key + ": " + reason);
        this.file = file;
        this.key = key;
    }

    public String file() {
        return file;
    }

    public String key() {
        return key;
    }
}

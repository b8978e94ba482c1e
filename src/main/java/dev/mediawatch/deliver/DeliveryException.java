package dev.mediawatch.deliver;

/** An alert that could not be delivered to a channel; {@link #retryable()} says whether trying again may help. */
public final class DeliveryException extends Exception {
    private final boolean retryable;

    public DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}

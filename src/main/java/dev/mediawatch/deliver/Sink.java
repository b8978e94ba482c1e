package dev.mediawatch.deliver;

import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Channel;

/** Delivers an alert to one kind of channel. Implementations never log channel secrets. */
public interface Sink {
    /** The channel type this sink serves, as written in the config ({@code console}, {@code slack}, ...). */
    String type();

    /** Sends the alert; throws {@link DeliveryException} when it could not be delivered. */
    void send(Alert alert, Channel channel) throws DeliveryException;
}

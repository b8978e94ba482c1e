package dev.mediawatch.deliver;

import dev.mediawatch.config.EnvReferences;
import dev.mediawatch.model.Channel;
import java.util.Map;

/**
 * A channel's secret setting (a webhook URL, a signing secret) as the sink uses it: the subscription
 * keeps it as written, {@code ${VAR}} references unresolved, so the secret itself never goes to
 * {@code mediawatch.subscriptions}; it is resolved here, from the delivering process's environment.
 */
final class ChannelSecrets {
    private ChannelSecrets() {
    }

    /** The setting resolved, or null when the channel has none; an unset variable fails the delivery. */
    static String resolve(Channel channel, String key, Map<String, String> env) throws DeliveryException {
        try {
            return EnvReferences.resolve(channel.settings().get(key), env);
        } catch (IllegalArgumentException e) {
            // names the variable, never a value
            throw DeliveryException.permanent("config", channel.type() + " channel " + key + ": " + e.getMessage());
        }
    }
}

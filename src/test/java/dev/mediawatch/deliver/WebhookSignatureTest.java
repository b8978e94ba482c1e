package dev.mediawatch.deliver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    /** The example of the Standard Webhooks reference libraries: this exact signature is what receivers check. */
    @Test
    void matchesTheReferenceVector() {
        WebhookSignature s = WebhookSignature.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String sig = s.sign("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L,
                "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8));
        assertThat(sig).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(StandardWebhooksVerifier.verify("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", "{\"test\": 2432232314}", sig)).isTrue();
    }

    @Test
    void aChangedBodyOrIdDoesNotVerify() {
        WebhookSignature s = WebhookSignature.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        String sig = s.sign("alert-1", 1700000000L, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(StandardWebhooksVerifier.verify("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "alert-1", "1700000000", "{ }", sig)).isFalse();
        assertThat(StandardWebhooksVerifier.verify("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "alert-2", "1700000000", "{}", sig)).isFalse();
    }

    @Test
    void neverShowsTheKeyAndRefusesBadBase64WithoutRepeatingIt() {
        assertThat(WebhookSignature.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").toString()).doesNotContain("MfKQ");
        assertThatThrownBy(() -> WebhookSignature.of("whsec_%%%secret%%%"))
                .hasMessageContaining("not valid base64").message().doesNotContain("secret%");
    }
}

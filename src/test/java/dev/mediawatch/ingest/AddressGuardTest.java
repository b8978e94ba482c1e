package dev.mediawatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
            "169.254.169.254", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "255.255.255.255",
            "::1", "::", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "fe80::1", "fc00::1", "fd12:3456::1",
            "ff02::1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1"})
    void forbidsNonPublicAddresses(String literal) throws Exception {
        assertThat(AddressGuard.isForbidden(InetAddress.getByName(literal))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:2800:220:1:248:1893:25c8:1946"})
    void allowsPublicAddresses(String literal) throws Exception {
        assertThat(AddressGuard.isForbidden(InetAddress.getByName(literal))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1/", "http://10.0.0.5:8080/feed", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
            "http://169.254.169.254/latest/meta-data/", "http://0x7f.1/", "http://2130706433/", "http://0177.0.0.1/",
            "http://0x7f000001/", "http://127.1/", "https://user@0x7f.0.0.1:8443/x"})
    void checkBlocksEveryFormOfAForbiddenHost(String url) {
        assertThatThrownBy(() -> AddressGuard.check(URI.create(url), false))
                .isInstanceOfSatisfying(FetchException.class,
                        e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.BLOCKED));
    }

    @Test
    void checkAllowsAPublicLiteral() {
        assertThatCode(() -> AddressGuard.check(URI.create("https://93.184.216.34/feed.xml"), false))
                .doesNotThrowAnyException();
    }

    @Test
    void checkAllowsPrivateWhenConfigured() {
        assertThatCode(() -> AddressGuard.check(URI.create("http://127.0.0.1:8080/"), true))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://93.184.216.34/", "gopher://93.184.216.34/", "jar:file:/x!/y",
            "/relative/path"})
    void checkRefusesOtherSchemes(String url) {
        assertThatThrownBy(() -> AddressGuard.check(URI.create(url), true))
                .isInstanceOfSatisfying(FetchException.class,
                        e -> assertThat(e.kind()).isEqualTo(FetchException.Kind.BAD_URL));
    }
}

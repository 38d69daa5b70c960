package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code [krbtgt]}: the keytab with the keys of {@code krbtgt/REALM@REALM}.
 *
 * @param ticketEnctypes the enctypes tickets are sealed in, preferred first: the first whose key the keytab holds
 *        is used. By default aes256-cts-hmac-sha1-96 first, as MIT's and AD's defaults: the RFC 8009 types only
 *        when the keytab has no RFC 3962 key, or when this list puts them first
 */
public record KrbtgtSettings(Path keytab, List<String> ticketEnctypes) {
    public static final List<String> DEFAULT_TICKET_ENCTYPES = List.of("aes256-cts-hmac-sha1-96",
            "aes128-cts-hmac-sha1-96", "aes256-cts-hmac-sha384-192", "aes128-cts-hmac-sha256-128");

    public KrbtgtSettings {
        ticketEnctypes = List.copyOf(ticketEnctypes);
    }

    public KrbtgtSettings(Path keytab) {
        this(keytab, DEFAULT_TICKET_ENCTYPES);
    }
}

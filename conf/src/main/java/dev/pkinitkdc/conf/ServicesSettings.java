package dev.pkinitkdc.conf;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code [services]}: the keytab files holding the keys of the services this KDC issues service tickets for
 * (RFC 4120 3.3: a TGS-REQ names the service; its ticket is sealed in the service's key). A folder is read as every
 * {@code *.keytab} file in it. None: every TGS-REQ for a service is refused with KDC_ERR_S_PRINCIPAL_UNKNOWN.
 */
public record ServicesSettings(List<Path> keytabs) {
    public static final ServicesSettings NONE = new ServicesSettings(List.of());

    public ServicesSettings {
        keytabs = List.copyOf(keytabs);
    }
}

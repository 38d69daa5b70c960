package dev.pkinitkdc.mapping;

import java.util.Optional;

/** {@link LdapAccountDirectoryTest} against OpenLDAP's slapd with the shipped ad-lite.schema. */
class SlapdLdapAccountDirectoryTest extends LdapAccountDirectoryTest {
    @Override
    TestDirectory newDirectory() throws Exception {
        return SlapdLabDirectory.start(Optional.empty());
    }
}

package dev.pkinitkdc.mapping;

/** {@link LdapAccountDirectoryTest} against UnboundID's in-memory server. */
class EmbeddedLdapAccountDirectoryTest extends LdapAccountDirectoryTest {
    @Override
    TestDirectory newDirectory() throws Exception {
        return new LabDirectory();
    }
}

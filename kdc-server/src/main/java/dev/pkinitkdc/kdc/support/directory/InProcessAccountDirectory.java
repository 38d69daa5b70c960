package dev.pkinitkdc.kdc.support.directory;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import dev.pkinitkdc.failure.FailureReason;
import dev.pkinitkdc.failure.KdcFailure;
import dev.pkinitkdc.mapping.directory.DirectoryAccount;
import dev.pkinitkdc.mapping.ldap.AccountEntryReader.EntryValue;
import dev.pkinitkdc.mapping.ldap.AccountEntryReader;
import dev.pkinitkdc.mapping.ldap.AttributeNames;
import dev.pkinitkdc.mapping.ldap.FilterSearchDirectory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Account lookups in the embedded directory without the network: the same subtree searches and filters as over
 * LDAP, run by the in-memory server in the calling thread (no socket, no BER encoding, no thread hand-off; a
 * search of the lab's directory takes microseconds). Entries are read by the same {@link AccountEntryReader} as
 * LDAP results; objectSid is taken as binary, as an LDAP client of AD does. The LDAP listener stays up for
 * everything else that speaks LDAP to it.
 */
public final class InProcessAccountDirectory extends FilterSearchDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessAccountDirectory.class);

    private final LDAPInterface directory;
    private final String baseDn;
    private final String[] attributes;
    private final AccountEntryReader reader;

    public InProcessAccountDirectory(EmbeddedDirectory directory, String baseDn, AttributeNames names) {
        super(names);
        this.directory = directory.ldap();
        this.baseDn = baseDn;
        this.attributes = names.all().toArray(String[]::new);
        this.reader = new AccountEntryReader(names);
    }

    @Override
    protected CompletionStage<List<DirectoryAccount>> search(String filter) {
        try {
            List<DirectoryAccount> accounts = new ArrayList<>();
            for (SearchResultEntry entry : directory.search(new SearchRequest(baseDn, SearchScope.SUB,
                    Filter.create(filter), attributes)).getSearchEntries()) {
                reader.read(entry.getDN(), name -> values(entry, name)).ifPresentOrElse(accounts::add,
                        () -> LOG.warn("embedded directory: {} has no {}; skipped", entry.getDN(),
                                names().samAccountName()));
            }
            return CompletableFuture.completedFuture(List.copyOf(accounts));
        } catch (LDAPException e) {
            return CompletableFuture.failedFuture(new KdcFailure(FailureReason.DIRECTORY_UNAVAILABLE,
                    "embedded directory search " + filter + " failed: " + e.getMessage(), e));
        }
    }

    private List<EntryValue> values(SearchResultEntry entry, String name) {
        Attribute attribute = entry.getAttribute(name);
        if (attribute == null) {
            return List.of();
        }
        if (name.equalsIgnoreCase(reader.objectSidName())) {
            return Arrays.stream(attribute.getValueByteArrays()).map(EntryValue::ofBytes).toList();
        }
        return Arrays.stream(attribute.getValues()).map(EntryValue::ofText).toList();
    }

    @Override
    public void close() {
        // the embedded directory belongs to whoever started it
    }
}

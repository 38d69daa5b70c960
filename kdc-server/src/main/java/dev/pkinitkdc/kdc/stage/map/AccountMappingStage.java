package dev.pkinitkdc.kdc.stage.map;

import dev.pkinitkdc.kdc.request.AsExchange;
import dev.pkinitkdc.kdc.request.AuditFacts;
import dev.pkinitkdc.kdc.request.AuditRecord;
import dev.pkinitkdc.mapping.CertificateMapper;
import dev.pkinitkdc.mapping.ClientNameHint;
import dev.pkinitkdc.mapping.MappingTrace;
import dev.pkinitkdc.mapping.method.MappingMethod;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import org.apache.kerby.kerberos.kerb.type.base.PrincipalName;

/**
 * The map stage: the validated certificate and the request's cname (the username hint, MS-PKCA 3.1.5.2.1)
 * become one directory account. The directory search completes later, on the mapper's executor.
 */
public final class AccountMappingStage {
    private final CertificateMapper mapper;

    public AccountMappingStage(CertificateMapper mapper) {
        this.mapper = mapper;
    }

    public CompletionStage<AsExchange.Mapped> apply(AsExchange.Validated exchange) {
        PrincipalName cname = exchange.request().cname();
        ClientNameHint hint = new ClientNameHint(cname.getNameType().getValue(), cname.getNameStrings(),
                exchange.request().realm());
        return mapper.map(exchange.certificate().certificate(), hint)
                .thenApply(m -> exchange.mapped(m, exchange.audit().with(new AuditFacts.Mapping(
                        new AuditFacts.MappedAccount(name(m.method()), m.strong(), m.account().dn(),
                                m.account().samAccountName(), null)))));
    }

    /**
     * The audit record of a refused mapping: {@code mapping.steps}, each step of the decision (kind, the method
     * and whether it is strong where there is one, and its sentence), so a weak-only or unknown mapping shows why.
     */
    public static AuditRecord refused(AuditRecord audit, MappingTrace trace) {
        return audit.with(new AuditFacts.Mapping(AuditFacts.MappedAccount.refused(trace.steps().stream()
                .map(s -> new AuditFacts.MappingDecisionStep(s.kind().name().toLowerCase(Locale.ROOT),
                        s.method().map(AccountMappingStage::name).orElse(null), s.strong().orElse(null), s.text()))
                .toList())));
    }

    private static String name(MappingMethod method) {
        return method.name().toLowerCase(Locale.ROOT);
    }
}

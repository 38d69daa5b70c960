package dev.pkinitkdc.mapping;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The KDC's certificate mapping settings (KB5014754, MS-PKCA 3.1.5.2.1).
 *
 * @param enforcement            StrongCertificateBindingEnforcement; {@link StrongMappingEnforcement#FULL} by default
 * @param useSubjectAltName      UseSubjectAltName: false ignores the SAN UPN (an explicit mapping is then needed)
 * @param backdatingCompensation CertificateBackdatingCompensation: in COMPATIBILITY a weak mapping is refused when
 *                               the certificate's notBefore is earlier than whenCreated minus this; 0 by default
 * @param lockoutDuration        the domain's lockoutDuration: a lockoutTime older than this no longer locks; empty
 *                               (the default) treats any non-zero lockoutTime as locked out
 * @param clock                  the time for accountExpires and lockoutTime (tests fix it)
 */
public record MappingPolicy(StrongMappingEnforcement enforcement, boolean useSubjectAltName,
                            Duration backdatingCompensation, Optional<Duration> lockoutDuration, Clock clock) {
    public MappingPolicy {
        Objects.requireNonNull(enforcement);
        Objects.requireNonNull(lockoutDuration);
        Objects.requireNonNull(clock);
        if (backdatingCompensation.isNegative()) {
            throw new IllegalArgumentException("backdatingCompensation must not be negative");
        }
    }

    /** FULL enforcement, SAN UPN used, no backdating allowance, any lockoutTime locks, the system clock. */
    public static MappingPolicy defaults() {
        return new MappingPolicy(StrongMappingEnforcement.FULL, true, Duration.ZERO, Optional.empty(),
                Clock.systemUTC());
    }

    public MappingPolicy withEnforcement(StrongMappingEnforcement value) {
        return new MappingPolicy(value, useSubjectAltName, backdatingCompensation, lockoutDuration, clock);
    }

    public MappingPolicy withUseSubjectAltName(boolean value) {
        return new MappingPolicy(enforcement, value, backdatingCompensation, lockoutDuration, clock);
    }

    public MappingPolicy withBackdatingCompensation(Duration value) {
        return new MappingPolicy(enforcement, useSubjectAltName, value, lockoutDuration, clock);
    }

    public MappingPolicy withLockoutDuration(Duration value) {
        return new MappingPolicy(enforcement, useSubjectAltName, backdatingCompensation, Optional.of(value), clock);
    }

    public MappingPolicy withClock(Clock value) {
        return new MappingPolicy(enforcement, useSubjectAltName, backdatingCompensation, lockoutDuration, value);
    }
}

package dev.pkinitkdc.mapping.account;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether an account may log on (MS-KILE 3.3.5.7.1: "good standing means the account has not expired, been
 * locked out, been disabled"), from userAccountControl (MS-ADTS 2.2.16), accountExpires and lockoutTime
 * (FILETIME, MS-ADA1), read when the account was found. SMARTCARD_REQUIRED only forbids password logons, so it
 * is recorded, never refused.
 *
 * @param problems attribute values that could not be read (each then counts as "not set")
 */
public record AccountState(boolean disabled, boolean expired, boolean lockedOut, boolean smartcardRequired,
                           Optional<Instant> whenCreated, List<String> problems) {
    public static final long ACCOUNTDISABLE = 0x2;
    public static final long LOCKOUT = 0x10;
    public static final long SMARTCARD_REQUIRED = 0x40000;

    public AccountState {
        problems = List.copyOf(problems);
    }

    /**
     * @param lockoutDuration the domain's lockoutDuration, or empty to treat any non-zero lockoutTime as locked
     */
    public static AccountState of(AccountAttributes account, Instant now, Optional<Duration> lockoutDuration) {
        List<String> problems = new ArrayList<>();
        long uac = account.userAccountControl(problems);
        Optional<Instant> expires = account.accountExpires(problems);
        Optional<Instant> lockedAt = account.lockoutTime(problems);
        boolean locked = (uac & LOCKOUT) != 0 || lockedAt.map(t -> lockoutDuration
                .map(d -> t.plus(d).isAfter(now)).orElse(true)).orElse(false);
        return new AccountState((uac & ACCOUNTDISABLE) != 0, expires.map(e -> !e.isAfter(now)).orElse(false),
                locked, (uac & SMARTCARD_REQUIRED) != 0, account.whenCreated(problems), problems);
    }

    /** For traces: {@code enabled, not expired, not locked out, smart card required}. */
    public String describe() {
        return (disabled ? "disabled" : "enabled") + ", " + (expired ? "expired" : "not expired") + ", "
                + (lockedOut ? "locked out" : "not locked out")
                + (smartcardRequired ? ", smart card required (fine for PKINIT)" : "")
                + whenCreated.map(w -> ", created " + w).orElse(", creation time unknown")
                + (problems.isEmpty() ? "" : "; unreadable: " + String.join("; ", problems));
    }
}

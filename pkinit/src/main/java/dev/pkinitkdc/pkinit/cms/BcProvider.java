package dev.pkinitkdc.pkinit.cms;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** One Bouncy Castle provider instance, used explicitly (never installed globally). */
public final class BcProvider {
    public static final Provider INSTANCE = new BouncyCastleProvider();

    private BcProvider() {
    }
}

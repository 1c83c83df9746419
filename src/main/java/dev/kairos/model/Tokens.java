package dev.kairos.model;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** Counts tokens the way budgets are kept: o200k_base, the encoding loaded once on first use. */
public final class Tokens {
    private Tokens() {}

    public static int count(String text) {
        if (text == null || text.isEmpty()) return 0;
        return O200k.ENCODING.countTokensOrdinary(text);
    }

    /** Holder idiom: the class loader initialises it once, lazily and thread-safely. */
    private static final class O200k {
        static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }
}

package org.attn4j.attention;

import java.util.Map;

class MultiplicativeGeneralScaledAttentionTest extends AttentionContractTest {
    @Override
    protected String providerName() {
        return "multiplicative";
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("mode", "general", "scaled", true);
    }
}

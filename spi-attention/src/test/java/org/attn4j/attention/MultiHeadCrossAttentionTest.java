package org.attn4j.attention;

import java.util.Map;

class MultiHeadCrossAttentionTest extends AttentionContractTest {
    @Override
    protected String providerName() {
        return "multi-head";
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("heads", 2, "dim", 6);
    }
}

package org.attn4j.attention;

import java.util.Map;

class MultiHeadSelfAttentionTest extends AttentionContractTest {
    @Override
    protected String providerName() {
        return "multi-head";
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("heads", 3);
    }

    @Override
    protected boolean selfAttention() {
        return true;
    }
}

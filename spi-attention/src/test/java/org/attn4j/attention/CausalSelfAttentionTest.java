package org.attn4j.attention;

import java.util.Map;

class CausalSelfAttentionTest extends AttentionContractTest {
    @Override
    protected String providerName() {
        return "causal";
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("heads", 2);
    }

    @Override
    protected boolean selfAttention() {
        return true;
    }

    @Override
    protected boolean causal() {
        return true;
    }
}

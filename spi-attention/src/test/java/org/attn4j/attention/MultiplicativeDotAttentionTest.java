package org.attn4j.attention;

import java.util.Map;

class MultiplicativeDotAttentionTest extends AttentionContractTest {
    @Override
    protected String providerName() {
        return "multiplicative";
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("mode", "dot");
    }

    @Override
    protected int queryDim() {
        return 5;
    }
}

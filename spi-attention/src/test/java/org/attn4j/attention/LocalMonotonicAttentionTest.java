package org.attn4j.attention;

import java.util.Map;

class LocalMonotonicAttentionTest extends AttentionContractTest {
    @Override
    protected String providerName() {
        return "local";
    }

    @Override
    protected Map<String, Object> options() {
        return Map.of("mode", "local-m", "window", 1);
    }
}

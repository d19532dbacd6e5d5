package org.attn4j.attention;

import java.util.Map;

class AdditiveAttentionTest extends AttentionContractTest {
    @Override
    protected String providerName() {
        return "additive";
    }
}

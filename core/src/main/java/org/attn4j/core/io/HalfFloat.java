package org.attn4j.core.io;

/**
 * IEEE 754 binary16 to float32, exactly (Java 17 has no {@code Float.float16ToFloat}): normal
 * numbers, subnormals (which are normal in float32), signed zeros, infinities and NaN payloads.
 */
final class HalfFloat {
    private HalfFloat() {
    }

    static float toFloat(short half) {
        int h = half & 0xffff;
        int sign = (h & 0x8000) << 16;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent != 0) {
            return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
        }
        if (mantissa == 0) {
            return Float.intBitsToFloat(sign);
        }
        // subnormal: value = mantissa * 2^-24, exact in float
        float v = mantissa * 0x1p-24f;
        return sign != 0 ? -v : v;
    }
}

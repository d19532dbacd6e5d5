/**
 * JMH benchmarks of attn4j's kernels and components. Build with
 * {@code mvn -B -ntp -pl benchmarks -am package -DskipTests} and run with
 * {@code java --add-modules=jdk.incubator.vector -jar benchmarks/target/benchmarks.jar}.
 */
package org.attn4j.bench;

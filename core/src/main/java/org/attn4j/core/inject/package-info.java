/**
 * Plugin discovery and Guice wiring.
 *
 * <p>Plugins implement the SPI interfaces of {@code org.attn4j.api.spi} and are listed in
 * {@code META-INF/services}. {@link org.attn4j.core.inject.PluginDiscovery#discover(ClassLoader)}
 * finds them once, through the class loader the host passes in, and returns an immutable
 * {@link org.attn4j.core.inject.PluginRegistry}; {@link org.attn4j.core.inject.Attn4jModule}
 * binds a registry into Guice {@code MapBinder}s by name, where a host can add and replace
 * plugins.
 * <pre>{@code
 * // Without Guice
 * PluginRegistry plugins = PluginDiscovery.discover(hostClassLoader);
 * AttentionFactory attention = plugins.attentionFactory();
 *
 * // With Guice
 * Injector injector = Guice.createInjector(new Attn4jModule(hostClassLoader), new HostModule());
 * Map<String, AttentionProvider> variants = injector.getInstance(new Key<Map<String, AttentionProvider>>() {});
 * }</pre>
 *
 * <p>Nothing here runs in a static initialiser or keeps global state; two providers claiming
 * one name of one kind are always an error that names both classes.
 */
package org.attn4j.core.inject;

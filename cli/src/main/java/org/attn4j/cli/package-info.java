/**
 * The {@code attn4j} command line (picocli). {@link org.attn4j.cli.Main} is the entry point and
 * maps errors to exit codes: 0 success, 1 failure (one-line message on standard error), 2 bad
 * usage (message and usage on standard error). Commands: {@code train}, {@code translate},
 * {@code evaluate}, {@code score}, {@code demo}, {@code attention}, {@code plugins}, {@code bench}. Every command
 * has {@code --help}; docs/cli.md is the reference.
 */
package org.attn4j.cli;

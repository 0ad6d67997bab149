/** The {@code xai4j} command line: one small picocli class per subcommand, wiring only. */
package org.xai4j.cli;

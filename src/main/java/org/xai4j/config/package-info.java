/** Typed configuration: YAML files and {@code --set} overrides bound to validated Java records. */
package org.xai4j.config;

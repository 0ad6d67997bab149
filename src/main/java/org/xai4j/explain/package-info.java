/**
 * The {@code xai4j explain} use case: attribution maps of a trained run's images by several methods, their
 * localisation and faithfulness metrics, the randomisation sanity check, and a report (PNG overlays, a grid figure,
 * CSV tables, a self-contained report.html). See docs/attribution.md.
 */
package org.xai4j.explain;

/**
 * Checks of attribution maps that re-run the model: insertion/deletion curves (faithfulness; Petsiuk et al., RISE,
 * BMVC 2018) and the cascading parameter-randomisation sanity check (Adebayo et al., NeurIPS 2018), always on
 * inference-mode passes and, for randomisation, on a private copy of the model.
 */
package org.xai4j.attribution.checks;

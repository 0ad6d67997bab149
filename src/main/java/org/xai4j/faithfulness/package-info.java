/**
 * {@code xai4j evaluate-attributions}: how faithful each registered attribution method is to the model, measured
 * on a trained run by perturbation protocols whose outcome the map should predict: sensitivity-N and remove and
 * retrain (ROAR); the axiom tests of issue 16 are to come. See docs/attribution.md.
 */
package org.xai4j.faithfulness;

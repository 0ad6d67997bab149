/**
 * Quality control of a deployed multi-label model: INFORMER (Shu et al., 2024), which flags predictions whose
 * class-specific saliency map is not distinctive among the classes' maps, against predictive-entropy and
 * test-time-augmentation baselines ({@code xai4j qc}).
 */
package org.xai4j.qc;

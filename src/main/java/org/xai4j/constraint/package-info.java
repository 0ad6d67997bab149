/**
 * The gradient-attribution constraint for healthy images (Wargnier-Dauchelle et al., "A weakly supervised
 * gradient attribution constraint for interpretable classification and anomaly detection", IEEE TMI 42(11), 2023):
 * a loss term that makes every constrained voxel of every healthy image push the pathological score down according
 * to an attribution map, trained with parameter gradients from finite-difference Hessian-vector products (Karakida
 * et al., ICML 2023; Finlay and Oberman, 2019) on the same ComputationGraph instead of double backpropagation.
 * See {@code docs/attribution-constraint.md}.
 */
package org.xai4j.constraint;

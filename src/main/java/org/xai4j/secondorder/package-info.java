/**
 * Exact second order for the attribution constraint (issue 12, section 4): Hessian-vector products of the network
 * with respect to its parameters along a direction in input space, {@code d/dh [dS/dtheta(x + h u)]_{h=0}}, by
 * forward-over-reverse differentiation (Pearlmutter 1994, "Fast exact multiplication by the Hessian", the
 * R-operator) on the layers the registered models use. A second engine behind {@code AttributionConstraint}
 * ({@code train.constraint.difference: exact}); imports run constraint -> secondorder -> model/engine.
 */
package org.xai4j.secondorder;

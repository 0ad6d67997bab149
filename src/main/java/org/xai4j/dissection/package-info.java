/**
 * Network dissection (Bau et al., CVPR 2017; the attribution dissertation's chapter 9): which units of a trained
 * model's taps detect which concepts (the data's anatomy and lesion masks), from a streaming per-unit activation
 * quantile and the data-set-wide IoU of the binarised, upsampled unit maps with each concept's masks.
 */
package org.xai4j.dissection;

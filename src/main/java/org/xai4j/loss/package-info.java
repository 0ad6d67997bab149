/** Loss terms on the logits (weighted BCE, BCE, softmax cross-entropy) and their combination into an objective. */
package org.xai4j.loss;

/** Samples, batches, data sources (synthetic brain-MRI generator, CSV manifests) and transforms. */
package org.xai4j.data;

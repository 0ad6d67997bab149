/** Benchmarks behind {@code xai4j bench}: throughput and cost ratios measured within one run, written as CSV. */
package org.xai4j.bench;

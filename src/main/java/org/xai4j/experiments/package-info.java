/**
 * Reproduced claims of the papers behind xai4j, one class per experiment folder under {@code experiments/}: each
 * trains its models through the ordinary {@code train} use case, measures them, and writes its table (into the
 * folder's README, between markers) and figures (into the folder's ignored {@code out/}).
 */
package org.xai4j.experiments;

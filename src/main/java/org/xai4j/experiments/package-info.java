/**
 * Experiments that reproduce published claims end to end from one command, each writing its table into the README of
 * its folder under {@code experiments/} (between markers) and its outputs under that folder's {@code out/}.
 */
package org.xai4j.experiments;

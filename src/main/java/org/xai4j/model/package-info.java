/** Network builders (ResNet, DenseNet, VGG, patch classifier), their registry, layer groups and the ModelAdapter. */
package org.xai4j.model;

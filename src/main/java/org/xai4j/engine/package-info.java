/**
 * Which implementation computes the layers of a DL4J graph on CPU: DL4J's own Java layers ({@link
 * org.xai4j.engine.Engine#BUILTIN}) or DL4J's oneDNN layer helpers ({@link org.xai4j.engine.Engine#ONEDNN},
 * the default, needs the {@code -onednn} ND4J natives of the default build), and which layers actually got a helper ({@link
 * org.xai4j.engine.LayerHelpers}). See {@code docs/performance.md}.
 */
package org.xai4j.engine;

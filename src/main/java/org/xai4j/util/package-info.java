/** Small shared helpers (atomic file writes). */
package org.xai4j.util;

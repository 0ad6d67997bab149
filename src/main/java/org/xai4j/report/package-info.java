/** Run artifacts for people: CSV tables, metrics logs and PNG plots, all written atomically. */
package org.xai4j.report;

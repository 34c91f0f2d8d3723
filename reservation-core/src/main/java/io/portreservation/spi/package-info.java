/**
 * What backends share: lease bookkeeping, leak reports and release at JVM shutdown. Not
 * for applications.
 */
@NullMarked
package io.portreservation.spi;

import org.jspecify.annotations.NullMarked;

/**
 * The startup benchmark: an application started with and without the starter.
 */
@NullMarked
package io.portreservation.boot.benchmark;

import org.jspecify.annotations.NullMarked;

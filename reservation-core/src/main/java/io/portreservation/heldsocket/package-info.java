/**
 * The portable held-socket backend: a plain socket bound on every port of a block.
 */
@NullMarked
package io.portreservation.heldsocket;

import org.jspecify.annotations.NullMarked;

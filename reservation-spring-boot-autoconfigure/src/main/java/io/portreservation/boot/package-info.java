/**
 * The {@link io.portreservation.boot.PortAllocator} API and its implementation over
 * reserved blocks.
 */
@NullMarked
package io.portreservation.boot;

import org.jspecify.annotations.NullMarked;

/**
 * Auto-configuration that binds Reactor Netty inside the reserved block.
 */
@NullMarked
package io.portreservation.boot.autoconfigure.netty;

import org.jspecify.annotations.NullMarked;

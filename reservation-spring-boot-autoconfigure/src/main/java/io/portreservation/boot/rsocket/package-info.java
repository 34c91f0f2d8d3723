/**
 * Spring Boot's standalone RSocket server listening on a port of the reserved block,
 * through the lease's hand-off.
 */
@NullMarked
package io.portreservation.boot.rsocket;

import org.jspecify.annotations.NullMarked;

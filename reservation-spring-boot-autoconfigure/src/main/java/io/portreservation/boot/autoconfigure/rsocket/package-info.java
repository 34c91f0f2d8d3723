/**
 * Auto-configuration that binds Spring Boot's standalone RSocket server inside the
 * reserved block.
 */
@NullMarked
package io.portreservation.boot.autoconfigure.rsocket;

import org.jspecify.annotations.NullMarked;

/**
 * Auto-configuration that binds Spring Boot's gRPC server inside the reserved block.
 */
@NullMarked
package io.portreservation.boot.autoconfigure.grpc;

import org.jspecify.annotations.NullMarked;

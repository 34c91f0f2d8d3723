/**
 * Spring Boot's gRPC server (Netty or shaded Netty) listening on a port of the reserved
 * block, through the lease's hand-off.
 */
@NullMarked
package io.portreservation.boot.grpc;

import org.jspecify.annotations.NullMarked;

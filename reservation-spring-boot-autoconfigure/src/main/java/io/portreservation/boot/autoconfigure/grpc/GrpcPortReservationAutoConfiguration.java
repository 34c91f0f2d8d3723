package io.portreservation.boot.autoconfigure.grpc;

import io.portreservation.PortLease;
import io.portreservation.boot.autoconfigure.PortReservationAutoConfiguration;
import io.portreservation.boot.grpc.GrpcServerLease;
import io.portreservation.boot.grpc.NettyGrpcPortReservationCustomizer;
import io.portreservation.boot.grpc.ShadedNettyGrpcPortReservationCustomizer;
import io.portreservation.boot.web.WebServerPorts;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureOrder;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerAutoConfiguration;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties;
import org.springframework.boot.grpc.server.autoconfigure.GrpcServerProperties.Netty.Transport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.grpc.server.NettyGrpcServerFactory;
import org.springframework.grpc.server.ShadedNettyGrpcServerFactory;

/**
 * Auto-configuration that makes Spring Boot's gRPC server listen on a port of the
 * reserved block, on {@code spring.grpc.server.port} and
 * {@code spring.grpc.server.address}. Active for the Netty and shaded Netty servers Boot
 * configures; a gRPC server served by the servlet container ({@code grpc-servlet}) is on
 * the web server's port, which is in the block already.
 */
@AutoConfiguration(after = { PortReservationAutoConfiguration.class, GrpcServerAutoConfiguration.class })
// Sorted last, so that naming Boot's gRPC auto-configuration above does not move it ahead
// of auto-configurations it follows only by name.
@AutoConfigureOrder(Ordered.LOWEST_PRECEDENCE)
@ConditionalOnClass(GrpcServerProperties.class)
@ConditionalOnBean({ WebServerPorts.class, GrpcServerProperties.class })
public final class GrpcPortReservationAutoConfiguration {

	/** The property that sets the port of Spring Boot's gRPC server. */
	static final String PORT_PROPERTY = "spring.grpc.server.port";

	/** The port Spring Boot's gRPC server factory binds when the property is not set. */
	static final int BOOT_DEFAULT_PORT = 9090;

	/**
	 * Lease the gRPC server's port: the one place where the server's configuration meets
	 * the port rule of every server ({@code 0} a port of the default block, a fixed port
	 * or the unset default 9090 exactly that port, reserved and kept).
	 * @param ports the block's ports
	 * @param properties the gRPC server's properties
	 * @return the lease, or {@code null} when the server stays off the block (a domain
	 * socket, a negative port, or a block without TCP)
	 */
	static @Nullable GrpcServerLease lease(WebServerPorts ports, GrpcServerProperties properties) {
		GrpcServerProperties.Netty netty = properties.getNetty();
		if (netty.getTransport() == Transport.DOMAIN_SOCKET
				|| (netty.getTransport() == null && netty.getDomainSocketPath() != null)) {
			return null;
		}
		Integer configured = properties.getPort();
		PortLease lease = ports.lease("grpc", PORT_PROPERTY, configured, BOOT_DEFAULT_PORT);
		if (lease == null) {
			return null;
		}
		return new GrpcServerLease(lease, properties.getAddress(),
				(configured != null) ? configured : BOOT_DEFAULT_PORT);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.grpc.netty.NettyServerBuilder")
	@ConditionalOnBean(NettyGrpcServerFactory.class)
	static class NettyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		NettyGrpcPortReservationCustomizer nettyGrpcPortReservationCustomizer(WebServerPorts ports,
				GrpcServerProperties properties) {
			return new NettyGrpcPortReservationCustomizer(lease(ports, properties));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder")
	@ConditionalOnBean(ShadedNettyGrpcServerFactory.class)
	static class ShadedNettyConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ShadedNettyGrpcPortReservationCustomizer shadedNettyGrpcPortReservationCustomizer(WebServerPorts ports,
				GrpcServerProperties properties) {
			return new ShadedNettyGrpcPortReservationCustomizer(lease(ports, properties));
		}

	}

}

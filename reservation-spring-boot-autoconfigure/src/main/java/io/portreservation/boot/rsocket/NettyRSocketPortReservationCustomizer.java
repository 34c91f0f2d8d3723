package io.portreservation.boot.rsocket;

import java.net.InetAddress;

import io.portreservation.PortLease;
import io.portreservation.boot.netty.LeasedReactorResourceFactory;
import io.portreservation.boot.web.WebServerPorts;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.rsocket.netty.NettyRSocketServerFactory;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Makes Spring Boot's standalone RSocket server listen on a port of the reserved block:
 * leases the port {@code spring.rsocket.server.port} asks for and replaces the
 * {@link ReactorResourceFactory} Boot handed the factory by one whose server channel is
 * the one the lease hands over (the loops and everything else stay the application's).
 * Applied by {@link RSocketPortReservationBeanPostProcessor}, since Boot has no
 * customizer hook for the RSocket server factory itself.
 */
public class NettyRSocketPortReservationCustomizer {

	/** The property that sets the port of Spring Boot's standalone RSocket server. */
	public static final String PORT_PROPERTY = "spring.rsocket.server.port";

	private final WebServerPorts ports;

	private final @Nullable Integer configuredPort;

	private final @Nullable InetAddress address;

	private final ObjectProvider<ReactorResourceFactory> resourceFactory;

	/**
	 * Create a customizer.
	 * @param ports the block's ports
	 * @param configuredPort the value of {@code spring.rsocket.server.port}, or
	 * {@code null} if it is not set
	 * @param address the value of {@code spring.rsocket.server.address}, or {@code null}
	 * for the wildcard address
	 * @param resourceFactory the application's resource factory, if it has one
	 */
	public NettyRSocketPortReservationCustomizer(WebServerPorts ports, @Nullable Integer configuredPort,
			@Nullable InetAddress address, ObjectProvider<ReactorResourceFactory> resourceFactory) {
		this.ports = ports;
		this.configuredPort = configuredPort;
		this.address = address;
		this.resourceFactory = resourceFactory;
	}

	/**
	 * Lease the server's port and make the factory bind through the lease.
	 * @param factory the factory Spring Boot configured
	 */
	public void customize(NettyRSocketServerFactory factory) {
		PortLease lease = this.ports.lease("rsocket", PORT_PROPERTY, this.configuredPort);
		if (lease == null) {
			return;
		}
		factory.setPort(lease.port());
		factory.setResourceFactory(LeasedReactorResourceFactory.of(this.resourceFactory, lease, this.address));
	}

}

package io.portreservation.boot.netty;

import io.portreservation.PortLease;
import io.portreservation.boot.web.WebServerPortCustomizer;
import io.portreservation.boot.web.WebServerPorts;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Makes a Reactor Netty factory serve inside the reserved block: leases the port its
 * property asks for and gives the factory a {@link LeasedReactorResourceFactory}, so the
 * server's listening channel is one the lease hands over. Runs after Spring Boot's own
 * customizers.
 */
public class NettyPortReservationCustomizer extends WebServerPortCustomizer<NettyReactiveWebServerFactory> {

	private final ObjectProvider<ReactorResourceFactory> resourceFactory;

	/**
	 * Create a customizer.
	 * @param ports the block's ports
	 * @param property the property that sets the port, such as {@code server.port}
	 * @param configuredPort the property's value, or {@code null} if it is not set
	 * @param resourceFactory the application's resource factory, if it has one
	 */
	public NettyPortReservationCustomizer(WebServerPorts ports, String property, @Nullable Integer configuredPort,
			ObjectProvider<ReactorResourceFactory> resourceFactory) {
		super("netty", ports, property, configuredPort);
		this.resourceFactory = resourceFactory;
	}

	@Override
	protected void customize(NettyReactiveWebServerFactory factory, @Nullable PortLease lease) {
		if (lease == null) {
			return;
		}
		factory.setPort(lease.port());
		factory.setResourceFactory(LeasedReactorResourceFactory.of(this.resourceFactory, lease, factory.getAddress()));
	}

}

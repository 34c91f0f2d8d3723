package io.portreservation.boot.jetty;

import io.portreservation.PortLease;
import io.portreservation.boot.web.WebServerPortCustomizer;
import io.portreservation.boot.web.WebServerPorts;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.jetty.JettyWebServerFactory;

/**
 * Makes a Jetty factory (servlet or reactive) serve inside the reserved block: leases the
 * port its property asks for and opens every {@link ServerConnector} of the server on a
 * channel handed over by a lease, the connector Spring Boot creates on the leased port,
 * any further connector on the port it asks for (0 or a port of the block). A TCP
 * connector of another kind is refused. Runs after Spring Boot's own customizers.
 */
public class JettyPortReservationCustomizer extends WebServerPortCustomizer<JettyWebServerFactory> {

	/**
	 * Create a customizer.
	 * @param ports the block's ports
	 * @param property the property that sets the port, such as {@code server.port}
	 * @param configuredPort the property's value, or {@code null} if it is not set
	 */
	public JettyPortReservationCustomizer(WebServerPorts ports, String property, @Nullable Integer configuredPort) {
		super("jetty", ports, property, configuredPort);
	}

	@Override
	protected void customize(JettyWebServerFactory factory, @Nullable PortLease lease) {
		if (lease == null) {
			return;
		}
		factory.setPort(lease.port());
		factory.addServerCustomizers((server) -> openConnectorsInBlock(server, lease));
	}

	private void openConnectorsInBlock(Server server, PortLease mainLease) {
		boolean mainAssigned = false;
		for (Connector connector : server.getConnectors()) {
			if (connector instanceof ServerConnector serverConnector) {
				if (hasLeaseListener(serverConnector)) {
					continue;
				}
				PortLease lease;
				if (!mainAssigned && serverConnector.getPort() == mainLease.port()) {
					lease = mainLease;
					mainAssigned = true;
				}
				else {
					lease = ports().leaseForConnector("jetty connector '" + describe(serverConnector) + "'",
							serverConnector.getPort());
					serverConnector.setPort(lease.port());
				}
				serverConnector.addEventListener(new LeasedConnectorListener(lease));
			}
			else if (connector instanceof NetworkConnector network && network.getPort() > 0) {
				throw refuse("jetty connector '" + connector.getClass().getName() + "'", network.getPort(),
						"only a ServerConnector can be opened on a channel handed over by the block");
			}
		}
	}

	private static boolean hasLeaseListener(ServerConnector connector) {
		return connector.getEventListeners().stream().anyMatch(LeasedConnectorListener.class::isInstance);
	}

	private static String describe(ServerConnector connector) {
		return (connector.getName() != null) ? connector.getName() : String.join("/", connector.getProtocols());
	}

}

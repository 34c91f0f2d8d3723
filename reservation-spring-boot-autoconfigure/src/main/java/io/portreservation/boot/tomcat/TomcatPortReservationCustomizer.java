package io.portreservation.boot.tomcat;

import io.portreservation.PortLease;
import io.portreservation.boot.web.WebServerPortCustomizer;
import io.portreservation.boot.web.WebServerPorts;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.ProtocolHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.TomcatWebServerFactory;

/**
 * Makes a Tomcat factory (servlet or reactive) serve inside the reserved block: leases
 * the port its property asks for, selects {@link ReservedHttp11NioProtocol} so the
 * connector serves on the lease's handed-over channel, and gives each additional
 * connector of that protocol a port of the block. Runs after Spring Boot's own
 * customizers, which set the factory from {@code server.*}.
 */
public class TomcatPortReservationCustomizer extends WebServerPortCustomizer<TomcatWebServerFactory> {

	private static final String PLAIN_PROTOCOL = "org.apache.coyote.http11.Http11NioProtocol";

	/**
	 * Create a customizer.
	 * @param ports the block's ports
	 * @param property the property that sets the port, such as {@code server.port}
	 * @param configuredPort the property's value, or {@code null} if it is not set
	 */
	public TomcatPortReservationCustomizer(WebServerPorts ports, String property, @Nullable Integer configuredPort) {
		super("tomcat", ports, property, configuredPort);
	}

	@Override
	protected void customize(TomcatWebServerFactory factory, @Nullable PortLease lease) {
		if (lease != null) {
			useReservedProtocol(factory, lease);
		}
		for (Connector connector : factory.getAdditionalConnectors()) {
			leaseForAdditionalConnector(connector);
		}
	}

	private void useReservedProtocol(TomcatWebServerFactory factory, PortLease lease) {
		String protocol = factory.getProtocol();
		if (!protocol.equals(PLAIN_PROTOCOL) && !protocol.equals("HTTP/1.1")
				&& !protocol.equals(ReservedHttp11NioProtocol.class.getName())) {
			lease.close();
			throw refuse("tomcat", lease.port(),
					"the connector's protocol is " + protocol
							+ ", which cannot serve on a channel handed over by the block; only Tomcat's default "
							+ PLAIN_PROTOCOL + " can (the starter replaces it with "
							+ ReservedHttp11NioProtocol.class.getName() + ")");
		}
		factory.setPort(lease.port());
		factory.setProtocol(ReservedHttp11NioProtocol.class.getName());
		factory.addProtocolHandlerCustomizers(new LeaseProtocolHandlerCustomizer(lease));
	}

	private void leaseForAdditionalConnector(Connector connector) {
		String description = "tomcat additional connector '" + connector.getProtocol() + "' on port "
				+ connector.getPort();
		if (!(connector.getProtocolHandler() instanceof ReservedHttp11NioProtocol protocol)) {
			throw refuse(description, connector.getPort(),
					"the connector's protocol handler " + connector.getProtocolHandler().getClass().getName()
							+ " binds its own socket, which may lie outside the block; create it with new Connector("
							+ ReservedHttp11NioProtocol.class.getSimpleName()
							+ ".class.getName()) and port 0 or a port of the block");
		}
		if (protocol.getLease() != null) {
			return;
		}
		// A Connector's port is -1 until set: like 0, it asks for any port of the block.
		PortLease lease = ports().leaseForConnector(description, Math.max(connector.getPort(), 0));
		connector.setPort(lease.port());
		protocol.setLease(lease);
	}

	/** Hands the lease to the main connector's protocol once Tomcat has created it. */
	private final class LeaseProtocolHandlerCustomizer implements TomcatProtocolHandlerCustomizer<ProtocolHandler> {

		private final PortLease lease;

		LeaseProtocolHandlerCustomizer(PortLease lease) {
			this.lease = lease;
		}

		@Override
		public void customize(ProtocolHandler handler) {
			if (handler instanceof ReservedHttp11NioProtocol protocol) {
				protocol.setLease(this.lease);
				return;
			}
			this.lease.close();
			throw TomcatPortReservationCustomizer.this.refuse("tomcat", this.lease.port(),
					"the connector's protocol handler became " + handler.getClass().getName()
							+ ", which binds its own socket; leave the factory's protocol as Tomcat's default");
		}

	}

}

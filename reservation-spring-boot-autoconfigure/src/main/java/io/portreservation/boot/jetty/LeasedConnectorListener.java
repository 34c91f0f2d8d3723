package io.portreservation.boot.jetty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.ServerSocketChannel;

import io.portreservation.PortLease;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jspecify.annotations.Nullable;

/**
 * Opens a {@link ServerConnector} on a listening channel handed over by a lease each time
 * the connector starts, through Jetty's own
 * {@link ServerConnector#open(ServerSocketChannel)}: the connector then never binds a
 * socket itself.
 */
final class LeasedConnectorListener implements LifeCycle.Listener {

	private final PortLease lease;

	LeasedConnectorListener(PortLease lease) {
		this.lease = lease;
	}

	@Override
	public void lifeCycleStarting(LifeCycle event) {
		ServerConnector connector = (ServerConnector) event;
		try {
			ServerSocketChannel channel = this.lease.openServerSocketChannel(address(connector.getHost()),
					connector.getAcceptQueueSize());
			try {
				connector.open(channel);
			}
			catch (IOException | RuntimeException ex) {
				channel.close();
				throw ex;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Jetty connector could not open port " + this.lease.port()
					+ " of the reserved block: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void lifeCycleStopped(LifeCycle event) {
		// the connector closed its channel: through the lease, a holder that served
		// itself stops listening at once
		this.lease.closeChannels();
	}

	private static @Nullable InetAddress address(@Nullable String host) throws IOException {
		return (host != null && !host.isEmpty()) ? InetAddress.getByName(host) : null;
	}

}

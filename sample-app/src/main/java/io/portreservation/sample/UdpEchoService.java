package io.portreservation.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.DatagramChannel;

import io.portreservation.PortLease;
import io.portreservation.boot.PortAllocator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A UDP echo service on a port of the {@code echo} block: what an application does for a
 * server Spring Boot does not start for it. It leases a port from the
 * {@link PortAllocator} and binds through the lease, so no other process can have the
 * port between reservation and bind.
 */
@Component
public class UdpEchoService implements SmartLifecycle {

	/** The block the service takes its port from, configured in application.yml. */
	public static final String BLOCK = "echo";

	private static final Log logger = LogFactory.getLog(UdpEchoService.class);

	private final PortAllocator allocator;

	private volatile @Nullable PortLease lease;

	private volatile @Nullable Thread worker;

	UdpEchoService(PortAllocator allocator) {
		this.allocator = allocator;
	}

	@Override
	public void start() {
		PortLease lease = this.allocator.lease(BLOCK, "udp-echo");
		try {
			DatagramChannel channel = lease.openDatagramChannel(InetAddress.getLoopbackAddress());
			Thread worker = new Thread(() -> echo(channel), "udp-echo");
			worker.setDaemon(true);
			this.lease = lease;
			this.worker = worker;
			worker.start();
		}
		catch (IOException ex) {
			lease.close();
			throw new IllegalStateException("Could not bind the UDP echo service to port " + lease.port(), ex);
		}
	}

	private void echo(DatagramChannel channel) {
		ByteBuffer buffer = ByteBuffer.allocate(2048);
		try {
			while (channel.isOpen()) {
				buffer.clear();
				SocketAddress sender = channel.receive(buffer);
				buffer.flip();
				channel.send(buffer, sender);
			}
		}
		catch (AsynchronousCloseException ex) {
			// stopped
		}
		catch (IOException ex) {
			logger.warn("The UDP echo service stopped", ex);
		}
	}

	@Override
	public void stop() {
		PortLease lease = this.lease;
		if (lease != null) {
			lease.close();
			this.lease = null;
		}
		this.worker = null;
	}

	@Override
	public boolean isRunning() {
		return this.lease != null;
	}

	/**
	 * The port the service echoes on.
	 * @return the port, or -1 when stopped
	 */
	public int getPort() {
		PortLease lease = this.lease;
		return (lease != null) ? lease.port() : -1;
	}

}

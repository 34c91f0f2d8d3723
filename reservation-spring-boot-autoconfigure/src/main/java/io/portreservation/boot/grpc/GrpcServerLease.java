package io.portreservation.boot.grpc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ServerSocketChannel;

import io.portreservation.PortLease;
import org.jspecify.annotations.Nullable;

/**
 * The lease a gRPC server is served through, with the address it listens on and the port
 * Spring Boot's server factory asks Netty to bind (the configured port, which the lease
 * may have mapped to a port of the block).
 */
public final class GrpcServerLease {

	private final PortLease lease;

	private final @Nullable InetAddress address;

	private final int requestedPort;

	/**
	 * Create an instance.
	 * @param lease the lease the server binds through
	 * @param address the address to listen on, or {@code null} for the wildcard address
	 * @param requestedPort the port the server factory asks Netty to bind
	 */
	public GrpcServerLease(PortLease lease, @Nullable InetAddress address, int requestedPort) {
		this.lease = lease;
		this.address = address;
		this.requestedPort = requestedPort;
	}

	/**
	 * The leased port.
	 * @return the port the server listens on
	 */
	public int port() {
		return this.lease.port();
	}

	/**
	 * Open the server's listening channel on the leased port. Called at every start of
	 * the server, so a stopped and restarted server listens on the same port again.
	 * @param backlog the listen backlog
	 * @return the bound, listening channel
	 * @throws UncheckedIOException if the lease cannot hand the port over
	 */
	ServerSocketChannel open(int backlog) {
		try {
			return this.lease.openServerSocketChannel(this.address, backlog);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The gRPC server could not open port " + this.lease.port()
					+ " of the reserved block (" + this.lease.owner() + ")", ex);
		}
	}

	/**
	 * Check the address Netty was asked to bind against the channel the lease handed
	 * over: it may only be the configured port or 0, since anything else means another
	 * listen address was added to the server behind the factory's back.
	 * @param asked the address Netty was asked to bind
	 * @param bound the address the handed-over channel listens on
	 * @throws IllegalStateException if the addresses do not match
	 */
	void checkBind(SocketAddress asked, InetSocketAddress bound) {
		int port = (asked instanceof InetSocketAddress inet) ? inet.getPort() : -1;
		if (port != 0 && port != this.requestedPort && port != bound.getPort()) {
			throw new IllegalStateException("The gRPC server was asked to bind " + asked
					+ " but serves through the lease of port " + bound.getPort() + "; only the address of "
					+ "spring.grpc.server.address and spring.grpc.server.port is bound through the reserved block");
		}
	}

	@Override
	public String toString() {
		return "port " + this.lease.port() + " (" + this.lease.owner() + ")";
	}

}

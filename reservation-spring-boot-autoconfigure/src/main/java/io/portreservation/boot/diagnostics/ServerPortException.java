package io.portreservation.boot.diagnostics;

import io.portreservation.PortRange;
import io.portreservation.PortReservation;
import io.portreservation.boot.BlockSummary;
import org.jspecify.annotations.Nullable;

/**
 * A server's port could not be had: the configured value is not a port, the block is
 * full, the port is leased to another server, or the server cannot take a handed-over
 * channel. Carries the property that set the port, the port and the block.
 */
public class ServerPortException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	private final String server;

	private final String property;

	private final @Nullable Integer port;

	private final int firstPort;

	private final int lastPort;

	/**
	 * Create an exception.
	 * @param reason why the port could not be had
	 * @param server the server, such as {@code tomcat}
	 * @param property the property that sets the port, such as {@code server.port}
	 * @param port the configured port, or {@code null} if none was configured
	 * @param firstPort the block's first port
	 * @param lastPort the block's last port
	 * @param detail what happened, in words
	 * @param cause the underlying failure, may be {@code null}
	 */
	public ServerPortException(Reason reason, String server, String property, @Nullable Integer port, int firstPort,
			int lastPort, String detail, @Nullable Throwable cause) {
		super(detail, cause);
		this.reason = reason;
		this.server = server;
		this.property = property;
		this.port = port;
		this.firstPort = firstPort;
		this.lastPort = lastPort;
	}

	/**
	 * Create an exception for a port asked of a block.
	 * @param reason why the port could not be had
	 * @param server the server, such as {@code tomcat}
	 * @param property the property that sets the port, such as {@code server.port}
	 * @param port the configured port, or {@code null} if none was configured
	 * @param block the block the port was asked of
	 * @param detail what happened, in words
	 * @param cause the underlying failure, may be {@code null}
	 * @return the exception
	 */
	public static ServerPortException of(Reason reason, String server, String property, @Nullable Integer port,
			PortReservation block, String detail, @Nullable Throwable cause) {
		PortRange ports = BlockSummary.ports(block);
		return new ServerPortException(reason, server, property, port, ports.first(), ports.last(), detail, cause);
	}

	/**
	 * Why the port could not be had.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * The server that asked for the port.
	 * @return the server, such as {@code tomcat}
	 */
	public String getServer() {
		return this.server;
	}

	/**
	 * The property that sets the port.
	 * @return the property, such as {@code server.port}
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * The configured port.
	 * @return the port, or {@code null} if none was configured
	 */
	public @Nullable Integer getPort() {
		return this.port;
	}

	/**
	 * The block's first port.
	 * @return the port
	 */
	public int getFirstPort() {
		return this.firstPort;
	}

	/**
	 * The block's last port.
	 * @return the port
	 */
	public int getLastPort() {
		return this.lastPort;
	}

	/**
	 * The block's ports.
	 * @return its first to its last port
	 */
	public PortRange getBlockPorts() {
		return new PortRange(this.firstPort, this.lastPort);
	}

	/**
	 * Why a server's port could not come from the block.
	 */
	public enum Reason {

		/** The configured value is not a port (above 65535). */
		NOT_A_PORT,

		/** Every port of the block is leased. */
		BLOCK_EXHAUSTED,

		/** The configured port is leased to another server already. */
		ALREADY_LEASED,

		/** The connector cannot serve on a channel handed over by the block. */
		CONNECTOR_REFUSED

	}

}

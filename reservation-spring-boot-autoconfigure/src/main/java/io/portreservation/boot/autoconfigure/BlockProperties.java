package io.portreservation.boot.autoconfigure;

import io.portreservation.Protocol;
import io.portreservation.ReservationRequest;

import org.springframework.util.Assert;

/**
 * What one block is made of: its protocol, its first port and its size. The default block
 * is configured directly under {@code port-reservation.*}, named blocks under
 * {@code port-reservation.blocks.<name>.*}.
 */
public class BlockProperties {

	/**
	 * Protocol the block is reserved for: tcp, udp, or tcp-udp for the same port numbers
	 * in both. Web servers bind only in a block that includes tcp.
	 */
	private Protocol protocol = Protocol.TCP;

	/**
	 * First port of the block, or 0 to take any free block.
	 */
	private int startPort;

	/**
	 * Number of consecutive ports in the block.
	 */
	private int portCount = 16;

	public Protocol getProtocol() {
		return this.protocol;
	}

	public void setProtocol(Protocol protocol) {
		this.protocol = protocol;
	}

	public int getStartPort() {
		return this.startPort;
	}

	public void setStartPort(int startPort) {
		Assert.isTrue(startPort >= 0 && startPort <= ReservationRequest.MAX_PORT,
				() -> "start-port must be 0 (any free block) or 1.." + ReservationRequest.MAX_PORT + ", was "
						+ startPort);
		this.startPort = startPort;
	}

	public int getPortCount() {
		return this.portCount;
	}

	public void setPortCount(int portCount) {
		Assert.isTrue(portCount >= 1 && portCount <= ReservationRequest.MAX_PORT,
				() -> "port-count must be 1.." + ReservationRequest.MAX_PORT + ", was " + portCount);
		this.portCount = portCount;
	}

}

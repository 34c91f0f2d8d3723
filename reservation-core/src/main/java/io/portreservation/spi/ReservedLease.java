package io.portreservation.spi;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import org.jspecify.annotations.Nullable;

/** The handle given to callers; the Cleaner watches it to report leaks. */
final class ReservedLease implements PortLease {

	private final AbstractPortReservation reservation;

	private final LeaseState state;

	ReservedLease(AbstractPortReservation reservation, LeaseState state) {
		this.reservation = reservation;
		this.state = state;
		state.watch(this);
	}

	@Override
	public int port() {
		return this.state.port;
	}

	@Override
	public String owner() {
		return this.state.owner;
	}

	@Override
	public PortReservation reservation() {
		return this.reservation;
	}

	@Override
	public boolean isBound() {
		return this.state.isBound();
	}

	@Override
	public ServerSocketChannel openServerSocketChannel(@Nullable InetAddress address, int backlog) throws IOException {
		checkUsable(true);
		ServerSocketChannel channel = this.reservation.openServerSocketChannel(this.state.port, address, backlog);
		this.state.track(channel);
		return channel;
	}

	@Override
	public void bind(ServerSocketChannel channel, @Nullable InetAddress address, int backlog) throws IOException {
		checkUsable(true);
		this.reservation.bindServerSocketChannel(channel, this.state.port, address, backlog);
		this.state.track(channel);
	}

	@Override
	public DatagramChannel openDatagramChannel(@Nullable InetAddress address) throws IOException {
		checkUsable(false);
		DatagramChannel channel = this.reservation.openDatagramChannel(this.state.port, address);
		this.state.track(channel);
		return channel;
	}

	@Override
	public void closeChannels() {
		this.state.closeChannels();
	}

	private void checkUsable(boolean tcp) {
		if (this.state.isReleased()) {
			throw new IllegalStateException("The lease of port " + this.state.port + " is closed");
		}
		Protocol protocol = this.reservation.protocol();
		if (tcp ? !protocol.includesTcp() : !protocol.includesUdp()) {
			throw new IllegalStateException("Port " + this.state.port + " belongs to a " + protocol
					+ " block; it cannot carry " + (tcp ? "TCP" : "UDP"));
		}
	}

	@Override
	public void close() {
		this.state.closeExplicitly();
	}

	@Override
	public String toString() {
		return "lease of port " + this.state.port + " (" + this.state.owner + ")";
	}

}

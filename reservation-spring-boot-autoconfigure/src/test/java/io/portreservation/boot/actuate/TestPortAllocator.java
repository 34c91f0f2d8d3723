package io.portreservation.boot.actuate;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.PortAllocatorListener;

/**
 * A {@link PortAllocator} of one's own over real blocks, telling its listeners as the
 * auto-configured allocator does.
 */
public final class TestPortAllocator implements PortAllocator, AutoCloseable {

	private final Map<String, PortReservation> blocks = new LinkedHashMap<>();

	private final List<PortAllocatorListener> listeners;

	public TestPortAllocator(List<PortAllocatorListener> listeners) {
		this.listeners = listeners;
	}

	public TestPortAllocator acquire(String name, int count) {
		long start = System.nanoTime();
		PortReservation block = TestBlocks.reserve(count);
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		this.blocks.put(name, block);
		this.listeners.forEach((listener) -> listener.blockAcquired(name, block, took));
		return this;
	}

	@Override
	public Map<String, PortReservation> blocks() {
		return Collections.unmodifiableMap(this.blocks);
	}

	@Override
	public PortReservation block(String name) {
		PortReservation block = this.blocks.get(name);
		if (block == null) {
			throw new IllegalArgumentException("No block named '" + name + "'");
		}
		return block;
	}

	@Override
	public PortLease lease(String blockName, String owner) {
		try {
			return block(blockName).lease(owner);
		}
		catch (RuntimeException ex) {
			this.listeners.forEach((listener) -> listener.leaseFailed(blockName, owner, ex));
			throw ex;
		}
	}

	@Override
	public PortLease lease(String owner) {
		return lease(DEFAULT_BLOCK, owner);
	}

	@Override
	public void close() {
		this.blocks.values().forEach(PortReservation::close);
	}

}

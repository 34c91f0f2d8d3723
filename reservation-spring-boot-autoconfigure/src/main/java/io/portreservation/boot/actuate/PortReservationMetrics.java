package io.portreservation.boot.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.PortAllocatorListener;

/**
 * Meters for the application's reserved port blocks:
 * <ul>
 * <li>{@code port.reservation.ports}, gauges tagged {@code block} and {@code state}
 * ({@code free}, {@code leased});</li>
 * <li>{@code port.reservation.allocation.failures}, a counter tagged {@code block} of
 * leases the block refused;</li>
 * <li>{@code port.reservation.acquire}, a timer tagged {@code backend} of how long
 * acquiring a block took.</li>
 * </ul>
 * <p>
 * Blocks are acquired before any meter registry exists, so this binder is also the
 * {@link PortAllocatorListener} that keeps the counts until registries are bound.
 */
public class PortReservationMetrics implements MeterBinder, PortAllocatorListener {

	private static final String PORTS = "port.reservation.ports";

	private static final String FAILURES = "port.reservation.allocation.failures";

	private static final String ACQUIRE = "port.reservation.acquire";

	private final Supplier<PortAllocator> allocator;

	private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

	private final Map<String, Acquisitions> acquisitions = new ConcurrentHashMap<>();

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	/**
	 * Create the meters.
	 * @param allocator supplies the allocator when meters are bound; looked up late
	 * because the allocator tells this listener about the blocks it acquires while it is
	 * being created
	 */
	public PortReservationMetrics(Supplier<PortAllocator> allocator) {
		this.allocator = allocator;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String block : this.allocator.get().blocks().keySet()) {
			bindPorts(registry, block);
			// Created (if new) before the registry is listed, so a new count is not bound
			// to it twice: once by failuresOf for listed registries, once here.
			bindFailures(registry, block, failuresOf(block));
		}
		this.registries.add(registry);
		this.acquisitions.forEach((backend, acquisitions) -> bindAcquire(registry, backend, acquisitions));
	}

	@Override
	public void blockAcquired(String blockName, PortReservation block, Duration duration) {
		String backend = block.backend().id();
		Acquisitions created = new Acquisitions();
		Acquisitions existing = this.acquisitions.putIfAbsent(backend, created);
		((existing != null) ? existing : created).record(duration);
		if (existing == null) {
			this.registries.forEach((registry) -> bindAcquire(registry, backend, created));
		}
	}

	@Override
	public void leaseFailed(String blockName, String owner, RuntimeException failure) {
		failuresOf(blockName).incrementAndGet();
	}

	private AtomicLong failuresOf(String block) {
		return this.failures.computeIfAbsent(block, (name) -> {
			AtomicLong count = new AtomicLong();
			this.registries.forEach((registry) -> bindFailures(registry, name, count));
			return count;
		});
	}

	private void bindPorts(MeterRegistry registry, String block) {
		Gauge.builder(PORTS, () -> block(block).freeCount())
			.tags("block", block, "state", "free")
			.description("Ports of a reserved block that are not leased")
			.register(registry);
		Gauge.builder(PORTS, () -> block(block).count() - block(block).freeCount())
			.tags("block", block, "state", "leased")
			.description("Ports of a reserved block that are leased")
			.register(registry);
	}

	private PortReservation block(String name) {
		return this.allocator.get().block(name);
	}

	private static void bindFailures(MeterRegistry registry, String block, AtomicLong count) {
		FunctionCounter.builder(FAILURES, count, AtomicLong::get)
			.tag("block", block)
			.description("Leases a reserved block refused (exhausted, port already leased, block released)")
			.register(registry);
	}

	private static void bindAcquire(MeterRegistry registry, String backend, Acquisitions acquisitions) {
		FunctionTimer
			.builder(ACQUIRE, acquisitions, Acquisitions::count, Acquisitions::totalNanos, TimeUnit.NANOSECONDS)
			.tag("backend", backend)
			.description("Time taken to acquire a block of ports")
			.register(registry);
	}

	/** Running count and total time of acquisitions by one backend. */
	private static final class Acquisitions {

		private final AtomicLong count = new AtomicLong();

		private final AtomicLong totalNanos = new AtomicLong();

		void record(Duration duration) {
			this.totalNanos.addAndGet(duration.toNanos());
			this.count.incrementAndGet();
		}

		long count() {
			return this.count.get();
		}

		double totalNanos() {
			return this.totalNanos.get();
		}

	}

}

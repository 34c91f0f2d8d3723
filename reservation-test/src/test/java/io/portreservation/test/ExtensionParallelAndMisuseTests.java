package io.portreservation.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.portreservation.PortLease;
import io.portreservation.PortReservation;
import io.portreservation.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs small test classes through the Jupiter engine: under parallel execution (methods
 * and classes concurrent) every test that holds a block at the same moment holds
 * different ports, and each misuse fails the test with a message naming the field or
 * parameter and the fix.
 */
class ExtensionParallelAndMisuseTests {

	static final int CONCURRENT_TESTS = 8;

	/** Ports held by each concurrently running test, keyed by its name. */
	static final Map<String, List<Integer>> HELD = new ConcurrentHashMap<>();

	static volatile CyclicBarrier allHolding = new CyclicBarrier(CONCURRENT_TESTS);

	@Test
	void testsRunningConcurrentlyHoldDisjointPorts() {
		HELD.clear();
		allHolding = new CyclicBarrier(CONCURRENT_TESTS);
		Events tests = FixtureCondition.engine()
			.configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
			.configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
			.configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
			.configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
			.configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism",
					Integer.toString(CONCURRENT_TESTS * 4))
			.configurationParameter("junit.jupiter.execution.parallel.config.fixed.max-pool-size",
					Integer.toString(CONCURRENT_TESTS * 4))
			.selectors(DiscoverySelectors.selectClass(ConcurrentA.class),
					DiscoverySelectors.selectClass(ConcurrentB.class))
			.execute()
			.testEvents();
		assertThat(tests.failed().stream().map(ExtensionParallelAndMisuseTests::failure)).isEmpty();
		tests.assertStatistics((stats) -> stats.started(CONCURRENT_TESTS).succeeded(CONCURRENT_TESTS));
		List<Integer> all = HELD.values().stream().flatMap(List::stream).toList();
		assertThat(HELD).hasSize(CONCURRENT_TESTS);
		assertThat(all).doesNotHaveDuplicates();
	}

	@Test
	void misuseIsNamedWithTheFieldOrParameterAndTheFix() {
		Events tests = FixtureCondition.engine()
			.selectors(DiscoverySelectors.selectClass(Misuse.class),
					DiscoverySelectors.selectClass(WrongFieldType.class))
			.execute()
			.testEvents();
		assertThat(failureOf(tests, "emptyBlock")).contains("parameter 'block'")
			.contains("@ReservedBlock(ports = 0)")
			.contains("at least 1 port");
		assertThat(failureOf(tests, "portOnALease")).contains("@ReservedPort but is a PortLease");
		assertThat(failureOf(tests, "udpWhereTcpWasAsked")).contains("shared block 'mixed'")
			.contains("as 2 TCP port(s), but it was reserved as 2 UDP port(s)");
		assertThat(failureOf(tests, "fieldOfAnotherType")).contains("field 'name' of")
			.contains("must be a PortReservation or a PortLease");
	}

	private static String failureOf(Events tests, String method) {
		return tests.failed()
			.stream()
			.filter((event) -> event.getTestDescriptor().getDisplayName().startsWith(method))
			.map(ExtensionParallelAndMisuseTests::failure)
			.findFirst()
			.orElseThrow(() -> new AssertionError(method + " did not fail"));
	}

	private static String failure(Event event) {
		return event.getPayload(TestExecutionResult.class)
			.flatMap(TestExecutionResult::getThrowable)
			.map(String::valueOf)
			.orElse("");
	}

	static void holdAndMeet(String name, PortReservation... blocks) throws Exception {
		List<Integer> ports = new ArrayList<>();
		for (PortReservation block : blocks) {
			assertThat(block.isValid()).isTrue();
			for (int port = block.firstPort(); port <= block.lastPort(); port++) {
				ports.add(port);
			}
		}
		HELD.put(name, ports);
		try {
			// Every test holds its blocks at this moment, so any shared port would show.
			allHolding.await(30, TimeUnit.SECONDS);
		}
		catch (BrokenBarrierException | TimeoutException ex) {
			throw new AssertionError("the tests did not run concurrently", ex);
		}
	}

	@ExtendWith(PortReservationExtension.class)
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	// Jupiter runs a PER_CLASS class's methods in one thread otherwise
	@Execution(ExecutionMode.CONCURRENT)
	@Fixture
	static class ConcurrentA {

		@ReservedBlock(ports = 8)
		PortReservation perClass;

		@Test
		void a1(PortReservation block) throws Exception {
			holdAndMeet("a1", block);
		}

		@Test
		void a2(@ReservedBlock(ports = 3) PortReservation block) throws Exception {
			holdAndMeet("a2", block);
		}

		@Test
		void a3(PortLease lease) throws Exception {
			holdAndMeet("a3", lease.reservation());
		}

		@Test
		void a4() throws Exception {
			holdAndMeet("a4", this.perClass);
		}

	}

	@ExtendWith(PortReservationExtension.class)
	@Fixture
	static class ConcurrentB {

		@ReservedBlock(ports = 5, protocol = Protocol.TCP)
		PortReservation perMethod;

		@Test
		void b1() throws Exception {
			holdAndMeet("b1", this.perMethod);
		}

		@Test
		void b2() throws Exception {
			holdAndMeet("b2", this.perMethod);
		}

		@Test
		void b3(@ReservedBlock(ports = 2) PortReservation block) throws Exception {
			holdAndMeet("b3", block);
		}

		@Test
		void b4(@ReservedBlock(ports = 20) PortReservation block) throws Exception {
			holdAndMeet("b4", block);
		}

	}

	@ExtendWith(PortReservationExtension.class)
	@Fixture
	static class Misuse {

		@Test
		void emptyBlock(@ReservedBlock(ports = 0) PortReservation block) {
		}

		@Test
		void portOnALease(@ReservedPort PortLease lease) {
		}

		@Test
		void udpWhereTcpWasAsked(@ReservedBlock(ports = 2, protocol = Protocol.UDP, name = "mixed") PortReservation udp,
				@ReservedBlock(ports = 2, protocol = Protocol.TCP, name = "mixed") PortReservation tcp) {
		}

	}

	@ExtendWith(PortReservationExtension.class)
	@Fixture
	static class WrongFieldType {

		@ReservedBlock
		String name;

		@Test
		void fieldOfAnotherType() {
		}

	}

}

package io.portreservation.boot.autoconfigure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.portreservation.PortReservation;
import io.portreservation.boot.BlockPortAllocator;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.testsupport.Http;
import io.portreservation.boot.testsupport.TestServer;
import io.portreservation.testfixtures.ChildJvm;
import io.portreservation.testfixtures.PortThief;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.devtools.classpath.ClassPathChangedEvent;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link KeepPortsOnRestartListener}: a context closed for a DevTools restart
 * and a new one refreshed with the same configuration in the same JVM, as DevTools'
 * restarter does, keep their ports; a plain close releases them.
 */
class KeepPortsOnRestartTests {

	private static final String[] PROPERTIES = { "port-reservation.port-count=4" };

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PortReservationAutoConfiguration.class))
		.withPropertyValues(PROPERTIES);

	@Test
	void runWithDevToolsShouldListenForRestarts() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(KeepPortsOnRestartListener.class));
	}

	@Test
	void runWithoutDevToolsShouldNotListenForRestarts() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ClassPathChangedEvent.class))
			.run((context) -> assertThat(context).hasSingleBean(PortAllocator.class)
				.doesNotHaveBean(KeepPortsOnRestartListener.class));
	}

	@Test
	void restartedContextGetsTheSameBlockAndNothingCanTakeItBetween() {
		int[] block = new int[2];
		this.contextRunner.run((context) -> {
			PortReservation reserved = context.getBean(PortAllocator.class).block();
			block[0] = reserved.firstPort();
			block[1] = reserved.lastPort();
			signalRestart(context, true);
		});
		assertThat(PortThief.steal(block[0], block[1])).as("thefts between the two contexts").isEmpty();
		this.contextRunner.run((context) -> {
			PortReservation reserved = context.getBean(PortAllocator.class).block();
			assertThat(new int[] { reserved.firstPort(), reserved.lastPort() }).isEqualTo(block);
			assertThat(((BlockPortAllocator) context.getBean(PortAllocator.class)).isTakenBack()).isTrue();
			assertThat(context.getEnvironment().getProperty("local.port-reservation.default.first-port", Integer.class))
				.isEqualTo(block[0]);
		});
		assertThat(PortThief.busyPorts(block[0], block[1])).as("ports busy after a plain close").isEmpty();
	}

	@Test
	void plainlyClosedContextReleasesItsBlock() {
		int[] block = new int[2];
		this.contextRunner.run((context) -> {
			PortReservation reserved = context.getBean(PortAllocator.class).block();
			block[0] = reserved.firstPort();
			block[1] = reserved.lastPort();
			// A class path change that DevTools does not restart for is no restart.
			signalRestart(context, false);
		});
		assertThat(PortThief.busyPorts(block[0], block[1])).as("ports busy after close").isEmpty();
	}

	@Test
	void restartWithAnotherConfigurationReleasesWhatWasKept() {
		int[] block = new int[2];
		this.contextRunner.run((context) -> {
			PortReservation reserved = context.getBean(PortAllocator.class).block();
			block[0] = reserved.firstPort();
			block[1] = reserved.lastPort();
			signalRestart(context, true);
		});
		this.contextRunner.withPropertyValues("port-reservation.port-count=5").run((context) -> {
			PortReservation other = context.getBean(PortAllocator.class).block();
			// The new block may land on some of the released ports: those are rightly
			// busy.
			for (int port = block[0]; port <= block[1]; port++) {
				if (!other.contains(port)) {
					assertThat(PortThief.busyPorts(port, port))
						.as("port %d of the kept block, busy though the new context has block %s", port, other)
						.isEmpty();
				}
			}
		});
	}

	@Test
	void restartedWebApplicationServesOnTheSamePortFromTheSameBlock() {
		SpringApplicationBuilder application = TestServer.TOMCAT_SERVLET.application("server.port=0",
				"port-reservation.port-count=4");
		int first;
		int last;
		int served;
		try (ConfigurableApplicationContext context = application.run()) {
			PortReservation block = context.getBean(PortAllocator.class).block();
			first = block.firstPort();
			last = block.lastPort();
			served = TestServer.webServer(context).getPort();
			signalRestart(context, true);
		}
		assertThat(PortThief.steal(first, last)).as("thefts between the two contexts").isEmpty();
		try (ConfigurableApplicationContext context = TestServer.TOMCAT_SERVLET
			.application("server.port=0", "port-reservation.port-count=4")
			.run()) {
			PortReservation block = context.getBean(PortAllocator.class).block();
			assertThat(block.firstPort()).isEqualTo(first);
			assertThat(TestServer.webServer(context).getPort()).isEqualTo(served);
			assertThat(Http.get(served, "/hello")).endsWith("hello from the block");
		}
		assertThat(PortThief.busyPorts(first, last)).as("ports busy after a plain close").isEmpty();
	}

	@Test
	void restartedWebApplicationKeepsItsFixedPort() throws IOException {
		String fixed = "server.port=" + freePort();
		int port;
		try (ConfigurableApplicationContext context = TestServer.TOMCAT_SERVLET
			.application(fixed, "port-reservation.port-count=4")
			.run()) {
			port = TestServer.webServer(context).getPort();
			assertThat(context.getBean(PortAllocator.class).blocks()).containsKey("server.port");
			signalRestart(context, true);
		}
		assertThat(PortThief.steal(port, port)).as("thefts of the fixed port between the two contexts").isEmpty();
		try (ConfigurableApplicationContext context = TestServer.TOMCAT_SERVLET
			.application(fixed, "port-reservation.port-count=4")
			.run()) {
			assertThat(TestServer.webServer(context).getPort()).isEqualTo(port);
			assertThat(Http.get(port, "/hello")).endsWith("hello from the block");
		}
		assertThat(PortThief.busyPorts(port, port)).as("fixed port busy after a plain close").isEmpty();
	}

	@Test
	void secondJvmWithTheSameConfigurationGetsAnotherBlock() throws Exception {
		int[] block = new int[2];
		this.contextRunner.run((context) -> {
			PortReservation reserved = context.getBean(PortAllocator.class).block();
			block[0] = reserved.firstPort();
			block[1] = reserved.lastPort();
			signalRestart(context, true);
		});
		try {
			String child = runChild();
			assertThat(child).as("the second JVM's output").startsWith("BLOCK ");
			String[] range = child.substring("BLOCK ".length()).split("-");
			int childFirst = Integer.parseInt(range[0]);
			int childLast = Integer.parseInt(range[1]);
			assertThat(childLast < block[0] || block[1] < childFirst)
				.as("block %d-%d of the second JVM overlaps %d-%d", childFirst, childLast, block[0], block[1])
				.isTrue();
		}
		finally {
			this.contextRunner.run((context) -> assertThat(context.getBean(PortAllocator.class).block().firstPort())
				.isEqualTo(block[0]));
		}
	}

	private static void signalRestart(ApplicationContext context, boolean restartRequired) {
		// What DevTools' file watcher publishes before its restarter closes the context.
		context.publishEvent(new ClassPathChangedEvent(context, Set.of(), restartRequired));
	}

	private static int freePort() throws IOException {
		try (ServerSocketChannel channel = ServerSocketChannel.open()) {
			channel.bind(new InetSocketAddress("127.0.0.1", 0));
			return ((InetSocketAddress) channel.getLocalAddress()).getPort();
		}
	}

	private static String runChild() throws Exception {
		try (ChildJvm child = ChildJvm.launch(SecondJvm.class)
			.standardJvm()
			.mergeStderr()
			.jvmArgs("--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-Dspring.devtools.restart.enabled=false")
			.start()) {
			List<String> lines = child.finish(Duration.ofSeconds(60));
			return lines.stream()
				.filter((line) -> line.startsWith("BLOCK "))
				.findFirst()
				.orElse(String.join("\n", lines));
		}
	}

	/** The same configuration, started in a second JVM: prints its block and exits. */
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(PortReservationAutoConfiguration.class)
	static class SecondJvm {

		public static void main(String[] args) {
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SecondJvm.class)
				.web(WebApplicationType.NONE)
				.properties("spring.main.banner-mode=off", "logging.level.root=warn")
				.properties(PROPERTIES)
				.run(args)) {
				PortReservation block = context.getBean(PortAllocator.class).block();
				System.out.println("BLOCK " + block.firstPort() + "-" + block.lastPort());
			}
		}

	}

}

package io.portreservation.boot.grpc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.grpc.BindableService;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.testsupport.ThiefBeforeServersStart;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.grpc.server.lifecycle.GrpcServerStartedEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application with a gRPC service: web, management and gRPC servers together. Its
 * beans record what the tests look at: the ports of every {@link GrpcServerStartedEvent},
 * and what a second process could take from the block before the gRPC server started.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class GrpcTestApplication {

	@Bean
	BindableService echoService() {
		return EchoGrpc.service();
	}

	@Bean
	StartedPorts startedPorts() {
		return new StartedPorts();
	}

	@Bean
	ThiefBeforeServersStart thiefBeforeGrpcStarts(PortAllocator allocator) {
		// phase 0: before the gRPC server's, which starts last
		return new ThiefBeforeServersStart(allocator::block, 0);
	}

	/** Answers {@code GET /hello}; registered as a member class of this configuration. */
	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "hello from the block";
		}

	}

	/** The port of every gRPC server start, in order. */
	static class StartedPorts {

		final List<Integer> ports = new CopyOnWriteArrayList<>();

		@EventListener
		void started(GrpcServerStartedEvent event) {
			this.ports.add(event.getPort());
		}

	}

}

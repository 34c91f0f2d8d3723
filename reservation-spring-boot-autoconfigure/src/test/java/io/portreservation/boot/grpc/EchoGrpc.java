package io.portreservation.boot.grpc;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;

/**
 * A unary gRPC method written by hand (no generated code): {@code test.Echo/Echo} answers
 * a UTF-8 string with {@code "echo: "} and the string. Also the client side the tests
 * call it with, and the standard health service, over real loopback connections.
 */
final class EchoGrpc {

	static final MethodDescriptor<String, String> ECHO = MethodDescriptor.<String, String>newBuilder()
		.setType(MethodType.UNARY)
		.setFullMethodName(MethodDescriptor.generateFullMethodName("test.Echo", "Echo"))
		.setRequestMarshaller(Utf8.INSTANCE)
		.setResponseMarshaller(Utf8.INSTANCE)
		.build();

	private EchoGrpc() {
	}

	/**
	 * The service, as a bean Spring Boot's gRPC server picks up.
	 * @return the service
	 */
	static BindableService service() {
		ServerServiceDefinition definition = ServerServiceDefinition.builder("test.Echo")
			.addMethod(ECHO, ServerCalls.asyncUnaryCall((request, response) -> {
				response.onNext("echo: " + request);
				response.onCompleted();
			}))
			.build();
		return () -> definition;
	}

	/**
	 * Call the echo method on a port of the loopback address.
	 * @param port the server's port
	 * @param message what to send
	 * @return the answer
	 */
	static String echo(int port, String message) {
		ManagedChannel channel = channel(port);
		try {
			return ClientCalls.blockingUnaryCall(channel, ECHO,
					CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS), message);
		}
		finally {
			shutdown(channel);
		}
	}

	/**
	 * Ask the standard health service for the server's overall status.
	 * @param port the server's port
	 * @return the status
	 */
	static ServingStatus health(int port) {
		ManagedChannel channel = channel(port);
		try {
			return HealthGrpc.newBlockingStub(channel)
				.withDeadlineAfter(30, TimeUnit.SECONDS)
				.check(HealthCheckRequest.getDefaultInstance())
				.getStatus();
		}
		finally {
			shutdown(channel);
		}
	}

	private static ManagedChannel channel(int port) {
		return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
	}

	private static void shutdown(ManagedChannel channel) {
		channel.shutdownNow();
		try {
			channel.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private enum Utf8 implements Marshaller<String> {

		INSTANCE;

		@Override
		public InputStream stream(String value) {
			return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
		}

		@Override
		public String parse(InputStream stream) {
			try {
				return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}

package io.portreservation.sample;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.portreservation.LeaseInfo;
import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample as its README describes it: both servers and the echo service inside their
 * blocks, the actuator on the management port only.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationTests {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	private int serverPort;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private PortAllocator allocator;

	@Autowired
	private UdpEchoService echo;

	@Test
	void webAndManagementServersShouldListenOnLeasedPortsOfTheDefaultBlock() {
		PortReservation block = this.allocator.block();
		assertThat(this.managementPort).isNotEqualTo(this.serverPort);
		assertThat(block.leases()).extracting(LeaseInfo::port).contains(this.serverPort, this.managementPort);
		assertThat(block.leases())
			.filteredOn((lease) -> lease.port() == this.serverPort || lease.port() == this.managementPort)
			.allMatch(LeaseInfo::bound);
	}

	@Test
	void udpEchoServiceShouldEchoOnAPortOfTheEchoBlock() throws Exception {
		PortReservation block = this.allocator.block(UdpEchoService.BLOCK);
		assertThat(block.contains(this.echo.getPort())).isTrue();
		InetAddress loopback = InetAddress.getLoopbackAddress();
		try (DatagramSocket client = new DatagramSocket(0, loopback)) {
			client.setSoTimeout(5000);
			byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
			client.send(new DatagramPacket(ping, ping.length, loopback, this.echo.getPort()));
			DatagramPacket reply = new DatagramPacket(new byte[16], 16);
			client.receive(reply);
			assertThat(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII)).isEqualTo("ping");
		}
	}

	@Test
	void actuatorShouldAnswerOnTheManagementPortOnly() throws Exception {
		DocumentContext reservations = json(this.managementPort, "/actuator/portreservations");
		assertThat(reservations.read("$.blocks", Map.class)).containsOnlyKeys("default", UdpEchoService.BLOCK);
		List<Integer> leasedPorts = reservations.read("$.blocks.default.leases[*].port");
		assertThat(leasedPorts).contains(this.serverPort, this.managementPort);
		List<String> echoOwners = reservations.read("$.blocks.echo.leases[*].owner");
		assertThat(echoOwners).containsExactly("udp-echo");
		assertThat(get(this.serverPort, "/actuator/portreservations").statusCode()).isEqualTo(404);

		DocumentContext health = json(this.managementPort, "/actuator/health");
		assertThat(health.read("$.status", String.class)).isEqualTo("UP");
		assertThat(health.read("$.components.portReservation.status", String.class)).isEqualTo("UP");

		DocumentContext info = json(this.managementPort, "/actuator/info");
		assertThat(info.read("$.portReservation.default.firstPort", Integer.class))
			.isEqualTo(this.allocator.block().firstPort());
	}

	@Test
	void pageStateShouldBeServedOnTheServerPort() throws Exception {
		DocumentContext state = json(this.serverPort, "/blocks");
		assertThat(state.read("$.blocks.default.firstPort", Integer.class))
			.isEqualTo(this.allocator.block().firstPort());
		assertThat((Object) state.read("$.blocks.default.token")).as("token (never shown on the page's port)").isNull();
		assertThat(get(this.serverPort, "/").body()).contains("blocks.js");
	}

	private DocumentContext json(int port, String path) throws Exception {
		HttpResponse<String> response = get(port, path);
		assertThat(response.statusCode()).as("GET %s on port %d", path, port).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(10))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}

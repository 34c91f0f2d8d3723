package io.portreservation.boot.web;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.portreservation.PortReservation;
import io.portreservation.boot.PortAllocator;
import io.portreservation.boot.testsupport.Http;
import io.portreservation.boot.testsupport.TestServer;
import io.portreservation.boot.tomcat.ReservedHttp11NioProtocol;
import org.apache.catalina.connector.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Server features that must keep working inside the block: {@code server.address}, SSL,
 * HTTP/2, Tomcat's additional connectors and several Jetty connectors.
 */
class ServerFeaturesIntegrationTests {

	private static final String PASSWORD = "secret";

	@TempDir
	static Path directory;

	static Path keyStore;

	@BeforeAll
	static void createKeyStore() throws Exception {
		keyStore = directory.resolve("server.p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
				"-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
				"-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
				"-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		try {
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes())).isZero();
		}
		finally {
			process.destroyForcibly();
		}
	}

	@ParameterizedTest
	@EnumSource(names = { "TOMCAT_SERVLET", "JETTY_SERVLET", "NETTY_REACTIVE" })
	void sslHttp2AndAddressKeepWorkingInsideTheBlock(TestServer server) throws Exception {
		try (ConfigurableApplicationContext context = server
			.application("server.port=0", "port-reservation.port-count=2", "server.address=127.0.0.1",
					"server.http2.enabled=true", "server.ssl.key-store=" + keyStore.toUri(),
					"server.ssl.key-store-type=PKCS12", "server.ssl.key-store-password=" + PASSWORD)
			.run()) {
			int port = TestServer.webServer(context).getPort();
			PortReservation block = context.getBean(PortAllocator.class).block();
			assertThat(block.contains(port)).isTrue();
			HttpClient client = HttpClient.newBuilder()
				.sslContext(trustingOurCertificate())
				.version(HttpClient.Version.HTTP_2)
				.connectTimeout(Duration.ofSeconds(5))
				.build();
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/hello")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("hello from the block");
			assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
			// 127.0.0.1, or the same as an IPv4-mapped address on a dual-stack socket;
			// never a wildcard.
			assertThat(listeningAddresses(port)).singleElement().isIn("0100007F", "0000000000000000FFFF00000100007F");
		}
	}

	@Test
	void tomcatAdditionalConnectorOfTheReservedProtocolGetsAPortOfTheBlock() {
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> addConnector = new FirstCustomizer<>(
				(factory) -> factory.addAdditionalConnectors(new Connector(ReservedHttp11NioProtocol.class.getName())));
		try (ConfigurableApplicationContext context = TestServer.TOMCAT_SERVLET
			.application("server.port=0", "port-reservation.port-count=3")
			.initializers((ctx) -> ctx.getBeanFactory().registerSingleton("addConnector", addConnector))
			.run()) {
			PortReservation block = context.getBean(PortAllocator.class).block();
			TomcatWebServer webServer = (TomcatWebServer) TestServer.webServer(context);
			java.util.List<Integer> ports = Arrays.stream(webServer.getTomcat().getService().findConnectors())
				.mapToInt(Connector::getLocalPort)
				.boxed()
				.toList();
			assertThat(ports).hasSize(2).allMatch(block::contains).doesNotHaveDuplicates();
			for (int port : ports) {
				assertThat(Http.get(port, "/hello")).endsWith("hello from the block");
			}
		}
	}

	@Test
	void tomcatAdditionalConnectorThatBindsItselfIsRefused() {
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> addConnector = new FirstCustomizer<>(
				(factory) -> factory.addAdditionalConnectors(new Connector()));
		assertThatException()
			.isThrownBy(() -> TestServer.TOMCAT_SERVLET.application("server.port=0", "port-reservation.port-count=3")
				.initializers((ctx) -> ctx.getBeanFactory().registerSingleton("addConnector", addConnector))
				.run())
			.havingRootCause()
			.withMessageContaining("binds its own socket, which may lie outside the block; "
					+ "create it with new Connector(ReservedHttp11NioProtocol.class.getName())");
	}

	@Test
	void everyJettyConnectorGetsAPortOfTheBlock() {
		WebServerFactoryCustomizer<JettyServletWebServerFactory> addConnector = new FirstCustomizer<>((
				factory) -> factory.addServerCustomizers((server) -> server.addConnector(new ServerConnector(server))));
		try (ConfigurableApplicationContext context = TestServer.JETTY_SERVLET
			.application("server.port=0", "port-reservation.port-count=3")
			.initializers((ctx) -> ctx.getBeanFactory().registerSingleton("addConnector", addConnector))
			.run()) {
			PortReservation block = context.getBean(PortAllocator.class).block();
			JettyWebServer webServer = (JettyWebServer) TestServer.webServer(context);
			java.util.List<Integer> ports = Arrays.stream(webServer.getServer().getConnectors())
				.mapToInt((connector) -> ((NetworkConnector) connector).getLocalPort())
				.boxed()
				.toList();
			assertThat(ports).hasSize(2).allMatch(block::contains).doesNotHaveDuplicates();
			for (int port : ports) {
				assertThat(Http.get(port, "/hello")).endsWith("hello from the block");
			}
		}
	}

	private static SSLContext trustingOurCertificate() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			store.load(in, PASSWORD.toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(store);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

	/** The local addresses (hex, as in /proc/net/tcp) listening on a port. */
	private static java.util.List<String> listeningAddresses(int port) throws Exception {
		String hexPort = String.format(":%04X", port);
		java.util.List<String> addresses = new java.util.ArrayList<>();
		for (String table : new String[] { "/proc/net/tcp", "/proc/net/tcp6" }) {
			for (String line : Files.readAllLines(Path.of(table))) {
				String[] fields = line.trim().split("\\s+");
				if (fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
					addresses.add(fields[1].substring(0, fields[1].length() - 5));
				}
			}
		}
		return addresses;
	}

	/** A factory customizer that runs before everything else, as a user's might. */
	record FirstCustomizer<T extends org.springframework.boot.web.server.WebServerFactory>(
			java.util.function.Consumer<T> action) implements WebServerFactoryCustomizer<T>, Ordered {

		@Override
		public void customize(T factory) {
			this.action.accept(factory);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}

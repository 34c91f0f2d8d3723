package io.portreservation.boot.testsupport;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The embedded servers the tests run, each selected by excluding the others'
 * auto-configuration (all of them are on the test class path).
 */
public enum TestServer {

	/** Tomcat serving Spring MVC. */
	TOMCAT_SERVLET(WebApplicationType.SERVLET,
			"org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration"),

	/** Jetty serving Spring MVC. */
	JETTY_SERVLET(WebApplicationType.SERVLET,
			"org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration"),

	/** Reactor Netty serving WebFlux. */
	NETTY_REACTIVE(WebApplicationType.REACTIVE,
			"org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration,"
					+ "org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration"),

	/** Tomcat serving WebFlux. */
	TOMCAT_REACTIVE(WebApplicationType.REACTIVE,
			"org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration,"
					+ "org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration");

	private final WebApplicationType type;

	private final String excludes;

	TestServer(WebApplicationType type, String excludes) {
		this.type = type;
		this.excludes = excludes;
	}

	/**
	 * A builder for the test application on this server.
	 * @param properties further properties
	 * @return the builder
	 */
	public SpringApplicationBuilder application(String... properties) {
		return new SpringApplicationBuilder(TestWebApplication.class).web(this.type)
			.properties("spring.autoconfigure.exclude=" + this.excludes, "spring.main.banner-mode=off")
			.properties(properties);
	}

	/**
	 * The property that excludes the other servers, for {@code @SpringBootTest}.
	 * @return the property
	 */
	public String excludeProperty() {
		return "spring.autoconfigure.exclude=" + this.excludes;
	}

}

package io.portreservation.boot.testsupport;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * The embedded servers the tests run, each selected by excluding the others'
 * auto-configuration (all of them are on the test class path).
 */
public enum TestServer {

	/** Tomcat serving Spring MVC. */
	TOMCAT_SERVLET(WebApplicationType.SERVLET, Excludes.TOMCAT_SERVLET),

	/** Jetty serving Spring MVC. */
	JETTY_SERVLET(WebApplicationType.SERVLET, Excludes.JETTY_SERVLET),

	/** Reactor Netty serving WebFlux. */
	NETTY_REACTIVE(WebApplicationType.REACTIVE, Excludes.NETTY_REACTIVE),

	/** Tomcat serving WebFlux. */
	TOMCAT_REACTIVE(WebApplicationType.REACTIVE, Excludes.TOMCAT_REACTIVE);

	/**
	 * The auto-configurations to exclude to select each server, as constants for
	 * annotations.
	 */
	public static final class Excludes {

		private static final String TOMCAT = "org.springframework.boot.tomcat.autoconfigure.";

		private static final String JETTY = "org.springframework.boot.jetty.autoconfigure.";

		private static final String NETTY = "org.springframework.boot.reactor.netty.autoconfigure.";

		/** Leaves Tomcat as the servlet server. */
		public static final String TOMCAT_SERVLET = "spring.autoconfigure.exclude=" + JETTY
				+ "servlet.JettyServletWebServerAutoConfiguration," + JETTY
				+ "actuate.web.server.JettyServletManagementContextAutoConfiguration";

		/** Leaves Jetty as the servlet server. */
		public static final String JETTY_SERVLET = "spring.autoconfigure.exclude=" + TOMCAT
				+ "servlet.TomcatServletWebServerAutoConfiguration," + TOMCAT
				+ "actuate.web.server.TomcatServletManagementContextAutoConfiguration";

		/** Leaves Reactor Netty as the reactive server. */
		public static final String NETTY_REACTIVE = "spring.autoconfigure.exclude=" + TOMCAT
				+ "reactive.TomcatReactiveWebServerAutoConfiguration," + TOMCAT
				+ "actuate.web.server.TomcatReactiveManagementContextAutoConfiguration," + JETTY
				+ "reactive.JettyReactiveWebServerAutoConfiguration," + JETTY
				+ "actuate.web.server.JettyReactiveManagementContextAutoConfiguration";

		/** Leaves Tomcat as the reactive server. */
		public static final String TOMCAT_REACTIVE = "spring.autoconfigure.exclude=" + NETTY
				+ "NettyReactiveWebServerAutoConfiguration," + NETTY
				+ "actuate.web.server.NettyReactiveManagementContextAutoConfiguration," + JETTY
				+ "reactive.JettyReactiveWebServerAutoConfiguration," + JETTY
				+ "actuate.web.server.JettyReactiveManagementContextAutoConfiguration";

		private Excludes() {
		}

	}

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
			.properties(this.excludes, "spring.main.banner-mode=off")
			.properties(properties);
	}

	/**
	 * The property that excludes the other servers, for {@code @SpringBootTest}.
	 * @return the property
	 */
	public String excludeProperty() {
		return this.excludes;
	}

	/**
	 * The web server of a started web application context.
	 * @param context the context, a {@link WebServerApplicationContext}
	 * @return its web server
	 */
	public static WebServer webServer(ApplicationContext context) {
		WebServer server = ((WebServerApplicationContext) context).getWebServer();
		if (server == null) {
			throw new AssertionError("The context has no web server: " + context);
		}
		return server;
	}

}

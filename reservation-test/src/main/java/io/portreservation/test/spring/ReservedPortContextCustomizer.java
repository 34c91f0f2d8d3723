package io.portreservation.test.spring;

import java.util.List;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Reserves the ports of a test class's {@link ReservedPortProperty} annotations as its
 * context is prepared (before refresh), publishes them first in the environment, and
 * releases what is still held when the context closes or fails to refresh. Equal when the
 * annotations are, so that contexts with the same ports configuration are cached once.
 */
final class ReservedPortContextCustomizer implements ContextCustomizer {

	static final String BEAN_NAME = "io.portreservation.test.spring.reservedPorts";

	private final List<PortPropertySpec> specs;

	ReservedPortContextCustomizer(List<PortPropertySpec> specs) {
		this.specs = List.copyOf(specs);
	}

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
		ReservedPorts ports = ReservedPorts.reserve(this.specs);
		context.getEnvironment().getPropertySources().addFirst(ports.propertySource());
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		beanFactory.registerSingleton(BEAN_NAME, ports);
		// Destroyed on close and on a failed refresh alike, so nothing stays held.
		((DefaultSingletonBeanRegistry) beanFactory).registerDisposableBean(BEAN_NAME, ports);
	}

	@Override
	public boolean equals(Object other) {
		return (this == other)
				|| (other instanceof ReservedPortContextCustomizer customizer && this.specs.equals(customizer.specs));
	}

	@Override
	public int hashCode() {
		return this.specs.hashCode();
	}

}

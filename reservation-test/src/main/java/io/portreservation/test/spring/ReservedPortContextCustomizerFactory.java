package io.portreservation.test.spring;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Finds {@link ReservedPortProperty} on a test class (its superclasses and enclosing
 * classes too) and reserves the ports when the context is built. Registered in
 * {@code META-INF/spring.factories}, so the TestContext framework calls it for every test
 * class and includes the result in the context cache key.
 */
class ReservedPortContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		List<PortPropertySpec> specs = specs(testClass);
		return specs.isEmpty() ? null : new ReservedPortContextCustomizer(specs);
	}

	private List<PortPropertySpec> specs(Class<?> testClass) {
		List<PortPropertySpec> specs = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY)
			.stream(ReservedPortProperty.class)
			.map((annotation) -> PortPropertySpec.of(annotation.synthesize()))
			.distinct()
			.toList();
		if (specs.isEmpty() && TestContextAnnotationUtils.searchEnclosingClass(testClass)) {
			return specs(testClass.getEnclosingClass());
		}
		return specs;
	}

}
